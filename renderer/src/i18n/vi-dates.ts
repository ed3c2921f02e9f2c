// Vietnamese for dates typed on any screen (common/DateField.tsx); vi.ts spreads it in.
export const viDates = {
  datePlaceholder: 'ngày/tháng/năm',
  dateNotADate: '“{value}” không phải một ngày có thật — gõ ngày/tháng/năm, ví dụ 15/03/2019',
  dateBefore: 'Không được trước ngày {date}',
  dateAfter: 'Không được sau ngày {date}',
} as const;
