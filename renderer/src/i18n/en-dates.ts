// English for dates typed on any screen (common/DateField.tsx); en.ts spreads it in.
import type { viDates } from './vi-dates';

export const enDates: Readonly<Record<keyof typeof viDates, string>> = {
  datePlaceholder: 'day/month/year',
  dateNotADate: '“{value}” is not a real date — type day/month/year, e.g. 15/03/2019',
  dateBefore: 'Must not be before {date}',
  dateAfter: 'Must not be after {date}',
};
