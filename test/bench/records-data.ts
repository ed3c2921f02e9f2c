// What the synthetic records store is made of: Vietnamese names with their real frequencies,
// valid-looking personal ids and tax codes, dossier codes, document numbers and a few hundred words
// of administrative prose. Everything comes from a seeded generator, so the same store is built
// every time and the benchmark's queries can be drawn from what is in it.
import type { Database } from 'better-sqlite3';
import type { ColumnCipher } from '../../electron/core/records/column-cipher';
import { fold } from '../../electron/core/records/search';

/** mulberry32: small, fast and seeded (Math.random cannot be replayed). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.int(10);
    return s;
  }
}

/** Expands [value, weight] pairs so that a uniform pick follows the weights. */
const weighted = (pairs: [string, number][]) => pairs.flatMap(([v, w]) => Array<string>(w).fill(v));

// Family names by their share of the population (Nguyễn about 38 %).
const FAMILY = weighted([
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 10], ['Phạm', 7], ['Hoàng', 3], ['Huỳnh', 2], ['Phan', 5], ['Vũ', 2], ['Võ', 2],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 1], ['Ngô', 1], ['Dương', 1], ['Lý', 1], ['Trương', 1], ['Đinh', 1], ['Lương', 1],
]);
const MIDDLE_MALE = weighted([['Văn', 8], ['Hữu', 2], ['Đức', 2], ['Minh', 2], ['Quang', 2], ['Thanh', 1], ['Xuân', 1], ['Công', 1], ['Đình', 1], ['Ngọc', 1], ['Quốc', 1], ['Bá', 1]]);
const MIDDLE_FEMALE = weighted([['Thị', 10], ['Ngọc', 2], ['Thu', 1], ['Kim', 1], ['Thanh', 1], ['Phương', 1], ['Mỹ', 1], ['Bảo', 1], ['Hồng', 1], ['Diệu', 1]]);
const GIVEN_MALE = 'An Anh Bình Cường Dũng Đạt Đức Hải Hiếu Hoàng Hùng Huy Khang Khánh Long Minh Nam Nghĩa Phong Phúc Quân Quang Sơn Tài Thắng Thành Thịnh Toàn Trung Tuấn Việt Vinh Vũ'.split(' ');
const GIVEN_FEMALE = 'An Anh Châu Chi Dung Giang Hà Hạnh Hằng Hoa Hồng Hương Lan Liên Linh Loan Mai My Nga Ngân Ngọc Nhung Oanh Phương Quỳnh Tâm Thảo Thu Thủy Trang Uyên Vân Xuân Yến'.split(' ');

// Birth-registration province codes a personal id may start with (Thông tư 59/2021/TT-BCA); the
// station's province (049, Quảng Nam) and its neighbours dominate a commune's counter.
const PROVINCES = [...Array<string>(12).fill('049'), '048', '051', '052', '001', '079', '046', '054', '056', '066', '040', '038'];

export interface Person {
  readonly id: string;
  readonly name: string;
}

export function citizen(rng: Rng): Person {
  const female = rng.next() < 0.5;
  const year = 1940 + rng.int(80);
  const genderCentury = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const id = `${rng.pick(PROVINCES)}${genderCentury}${String(year % 100).padStart(2, '0')}${rng.digits(6)}`;
  const name = `${rng.pick(FAMILY)} ${rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE)} ${rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
  return { id, name };
}

/** A tax code whose tenth digit checks the first nine (weights 31 29 23 19 17 13 7 5 3, mod 11). */
function taxCode(rng: Rng): string {
  for (;;) {
    const nine = `40${rng.digits(7)}`;
    const check = 10 - ([31, 29, 23, 19, 17, 13, 7, 5, 3].reduce((s, w, i) => s + w * Number(nine[i]), 0) % 11);
    if (check < 10) return `${nine}${check}`;
  }
}

const ORG_FORM = ['Công ty TNHH', 'Công ty cổ phần', 'Hợp tác xã', 'Doanh nghiệp tư nhân', 'Công ty TNHH một thành viên'];
const ORG_TRADE = ['Xây dựng', 'Thương mại', 'Dịch vụ', 'Nông nghiệp', 'Vận tải', 'Đầu tư Bất động sản', 'Chế biến Thủy sản', 'May mặc'];
const ORG_BRAND = ['Hòa Phát', 'Trường Hải', 'Phú Ninh', 'Tam Kỳ', 'Đại Lộc', 'Sông Thu', 'Minh Phương', 'Thành Công', 'Việt Hàn', 'Quảng Đà', 'An Khang', 'Hưng Thịnh'];

export function organisation(rng: Rng): Person {
  return { id: taxCode(rng), name: `${rng.pick(ORG_FORM)} ${rng.pick(ORG_TRADE)} ${rng.pick(ORG_BRAND)}` };
}

export const COMMUNES = ['xã Hòa Thuận', 'xã Tam Thành', 'xã Tam An', 'xã Tam Đàn', 'xã Tam Dân', 'xã Tam Lộc', 'xã Tam Phước', 'xã Tam Vinh', 'xã Tam Thái', 'thị trấn Phú Thịnh'];
const DISTRICTS = ['huyện Phú Ninh', 'huyện Thăng Bình', 'thành phố Tam Kỳ', 'huyện Núi Thành'];
/** The few agencies whose dossiers one commune station receives (`<agency>-YYMMDD-<seq>`). */
export const AGENCIES = ['000.00.01.H12', '000.00.12.H12', '000.20.31.H12', '000.21.32.H12'];

export interface DocType {
  readonly title: string;
  readonly code: string;
  /** Số, ký hiệu: "<n>/<sign>"; null for components without a number. */
  readonly sign: string | null;
  readonly issuer: string;
  readonly kind: 'result' | 'component';
}

export const RESULTS: readonly DocType[] = [
  { title: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất', code: 'KQ.DD.01', sign: 'GCN-VPĐKĐĐ', issuer: 'Sở Tài nguyên và Môi trường tỉnh Quảng Nam', kind: 'result' },
  { title: 'Giấy khai sinh', code: 'KQ.HT.01', sign: 'KS-UBND', issuer: 'UBND xã Hòa Thuận', kind: 'result' },
  { title: 'Giấy chứng nhận kết hôn', code: 'KQ.HT.02', sign: 'KH-UBND', issuer: 'UBND xã Hòa Thuận', kind: 'result' },
  { title: 'Trích lục khai tử', code: 'KQ.HT.05', sign: 'TLKT-UBND', issuer: 'UBND xã Hòa Thuận', kind: 'result' },
  { title: 'Giấy xác nhận tình trạng hôn nhân', code: 'KQ.HT.07', sign: 'XN-UBND', issuer: 'UBND xã Hòa Thuận', kind: 'result' },
  { title: 'Giấy phép xây dựng nhà ở riêng lẻ', code: 'KQ.XD.01', sign: 'GPXD-UBND', issuer: 'UBND huyện Phú Ninh', kind: 'result' },
  { title: 'Giấy chứng nhận đăng ký hộ kinh doanh', code: 'KQ.KD.01', sign: 'ĐKKD-TCKH', issuer: 'Phòng Tài chính - Kế hoạch huyện Phú Ninh', kind: 'result' },
  { title: 'Quyết định hỗ trợ người có công với cách mạng', code: 'KQ.LD.03', sign: 'QĐ-UBND', issuer: 'UBND huyện Phú Ninh', kind: 'result' },
];
export const COMPONENTS: readonly DocType[] = [
  { title: 'Đơn đề nghị cấp giấy chứng nhận quyền sử dụng đất', code: 'TP.DD.01', sign: null, issuer: '', kind: 'component' },
  { title: 'Tờ khai đăng ký khai sinh', code: 'TP.HT.01', sign: null, issuer: '', kind: 'component' },
  { title: 'Bản sao căn cước công dân', code: 'TP.CN.01', sign: null, issuer: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội', kind: 'component' },
  { title: 'Hợp đồng chuyển nhượng quyền sử dụng đất', code: 'TP.DD.04', sign: 'HĐCN', issuer: 'Văn phòng công chứng Tam Kỳ', kind: 'component' },
  { title: 'Giấy ủy quyền', code: 'TP.CN.03', sign: null, issuer: '', kind: 'component' },
  { title: 'Bản vẽ thiết kế xây dựng', code: 'TP.XD.02', sign: null, issuer: '', kind: 'component' },
];

// Administrative prose: the kind of sentences OCR finds on decisions, certificates and forms.
const SENTENCES = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
  'Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024 và các văn bản hướng dẫn thi hành;',
  'Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông;',
  'Căn cứ Nghị định số 123/2015/NĐ-CP ngày 15 tháng 11 năm 2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch;',
  'Xét đề nghị của Trưởng phòng Tài nguyên và Môi trường tại Tờ trình số {n}/TTr-TNMT ngày {date};',
  'Điều 1. Công nhận quyền sử dụng đất cho hộ gia đình, cá nhân có tên sau: ông (bà) {name}, số định danh cá nhân {id}, thường trú tại thôn {n}, {commune}.',
  'Thửa đất số {n}, tờ bản đồ số {m}, diện tích {area} m², mục đích sử dụng: đất ở tại nông thôn, thời hạn sử dụng: lâu dài.',
  'Nguồn gốc sử dụng: Nhà nước công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất.',
  'Điều 2. Người sử dụng đất có trách nhiệm thực hiện đầy đủ nghĩa vụ tài chính theo quy định của pháp luật.',
  'Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân, Trưởng phòng Tài nguyên và Môi trường, Chủ tịch Ủy ban nhân dân {commune} và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.',
  'Quyết định này có hiệu lực kể từ ngày ký. Nơi nhận: như Điều 3; lưu: VT, TNMT.',
  'Người đi đăng ký khai sinh cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về lời cam đoan của mình.',
  'Họ, chữ đệm, tên người được khai sinh: {name}; ngày, tháng, năm sinh: {date}; dân tộc: Kinh; quốc tịch: Việt Nam.',
  'Nơi sinh: Trạm Y tế {commune}, {district}, tỉnh Quảng Nam.',
  'Ủy ban nhân dân {commune} xác nhận: ông (bà) {name} hiện đang cư trú tại thôn {n}, trong thời gian cư trú tại địa phương chưa đăng ký kết hôn với ai.',
  'Giấy xác nhận này có giá trị sử dụng trong thời hạn 06 tháng kể từ ngày cấp, để làm thủ tục đăng ký kết hôn.',
  'Công trình được phép xây dựng: nhà ở riêng lẻ, cấp III, {m} tầng, tổng diện tích sàn {area} m², chiều cao công trình {m} mét.',
  'Chủ đầu tư phải thông báo khởi công xây dựng cho Ủy ban nhân dân cấp xã nơi xây dựng công trình trước ngày khởi công ít nhất 03 ngày làm việc.',
  'Hộ kinh doanh đăng ký ngành, nghề kinh doanh: bán lẻ lương thực, thực phẩm, đồ uống và hàng tiêu dùng khác; vốn kinh doanh {money} đồng.',
  'Hồ sơ gồm: đơn đề nghị, bản sao giấy tờ tùy thân, giấy tờ chứng minh quyền sử dụng đất, sơ đồ vị trí thửa đất và các giấy tờ khác có liên quan.',
  'Thời hạn giải quyết: {m} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp hồ sơ chưa đầy đủ, cơ quan tiếp nhận hướng dẫn người nộp bổ sung một lần.',
  'Bộ phận Một cửa đã tiếp nhận hồ sơ của ông (bà) {name}, số điện thoại 09{phone}, địa chỉ thôn {n}, {commune}, {district}.',
  'Trường hợp có khiếu nại, tổ chức, cá nhân gửi đơn đến Ủy ban nhân dân {district} trong thời hạn 30 ngày kể từ ngày nhận được Quyết định.',
  'Hai bên thống nhất chuyển nhượng toàn bộ quyền sử dụng thửa đất nêu trên với giá {money} đồng, thanh toán một lần bằng tiền mặt.',
  'Biên bản được lập thành 03 bản có giá trị pháp lý như nhau, mỗi bên giữ 01 bản, 01 bản lưu tại Ủy ban nhân dân {commune}.',
  'Kinh phí hỗ trợ được chi trả từ nguồn ngân sách địa phương năm {year}, đối tượng được hỗ trợ có trách nhiệm sử dụng đúng mục đích.',
  'Cơ quan tiếp nhận: Bộ phận tiếp nhận và trả kết quả {district}; ngày hẹn trả kết quả: {date}.',
];

function fill(s: string, rng: Rng, person: Person): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => {
    switch (k) {
      case 'name': return person.name;
      case 'id': return person.id;
      case 'commune': return rng.pick(COMMUNES);
      case 'district': return rng.pick(DISTRICTS);
      case 'date': return `${1 + rng.int(28)}/${1 + rng.int(12)}/${2015 + rng.int(10)}`;
      case 'year': return String(2015 + rng.int(10));
      case 'area': return `${50 + rng.int(450)},${rng.int(10)}`;
      case 'money': return `${1 + rng.int(900)}.000.000`;
      case 'phone': return rng.digits(8);
      case 'm': return String(1 + rng.int(9));
      default: return String(1 + rng.int(999));
    }
  });
}

/** About `words` words of prose about `person`, in sentences. */
export function prose(rng: Rng, person: Person, words: number): string {
  const out: string[] = [];
  for (let n = 0; n < words; ) {
    const s = fill(rng.pick(SENTENCES), rng, person);
    out.push(s);
    n += s.split(' ').length;
  }
  return out.join(' ');
}

/** Two consecutive words of the prose, as an officer would type a remembered phrase. */
export function textPhrase(rng: Rng): string {
  const words = rng.pick(SENTENCES).replace(/\{\w+\}/g, '').split(/[\s,;:.()]+/).filter((w) => w.length > 1);
  const i = rng.int(words.length - 1);
  return `${words[i]} ${words[i + 1]}`;
}

/** Bump when what the store is built from changes: a cached store of another version is rebuilt. */
export const GENERATOR = 1;
export const SEED = 766;
/** The row in the station table that says which store this is (a count(*) would read it all). */
export const MARKER_KEY = 'bench.records';
export interface StoreMarker {
  readonly generator: number;
  readonly documents: number;
  readonly pages: number;
  readonly texts: number;
}

export interface Query {
  readonly kind: 'name' | 'name, family + given' | 'id prefix' | 'dossier prefix' | 'doc number' | 'text phrase';
  readonly text: string;
}

/** What officers look up, drawn from rows of the store (and ids that are not in it). */
export function draw(db: Database, rng: Rng, documents: number, lookups: number, count: number, cipher: ColumnCipher): { owners: string[]; queries: Query[] } {
  // Owners' ids and names are sealed in the store: read back with the station's key.
  const row = () => {
    const r = db.prepare('SELECT id AS row, owner_id_number AS id, owner_name AS name, dossier_code AS code, doc_number AS number FROM documents WHERE rowid = ?').get(1 + rng.int(documents)) as Record<'row' | 'id' | 'name' | 'code' | 'number', string | null> & { row: string };
    const at = (column: string) => ({ table: 'documents', column, row: r.row });
    return { ...r, id: cipher.unseal(r.id, at('owner_id_number')), name: cipher.unseal(r.name, at('owner_name')) };
  };
  const some = (key: 'id' | 'name' | 'code' | 'number') => {
    for (;;) {
      const v = row()[key];
      if (v) return v;
    }
  };
  const absent = { get: (id: string) => db.prepare('SELECT 1 FROM documents WHERE owner_key = ? LIMIT 1').pluck().get(cipher.ownerKey(id)) };
  const owners: string[] = [];
  for (let i = 0; i < lookups; i++) {
    if (i % 2 === 0) owners.push(some('id'));
    else {
      let id = citizen(rng).id;
      while (absent.get(id)) id = citizen(rng).id;
      owners.push(id);
    }
  }
  const queries: Query[] = [];
  const add = (n: number, kind: Query['kind'], make: () => string) => {
    for (let i = 0; i < n; i++) queries.push({ kind, text: make() });
  };
  add(150, 'name', () => fold(some('name')));
  add(50, 'name, family + given', () => fold(some('name')).split(' ').filter((_, i, a) => i === 0 || i === a.length - 1).join(' '));
  add(75, 'id prefix', () => some('id').slice(0, 6 + rng.int(7)));
  add(75, 'dossier prefix', () => some('code').slice(0, 16 + rng.int(10)));
  add(50, 'doc number', () => some('number'));
  add(100, 'text phrase', () => (rng.next() < 0.5 ? fold(textPhrase(rng)) : textPhrase(rng)));
  for (let i = queries.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return { owners, queries: queries.slice(0, count) };
}
