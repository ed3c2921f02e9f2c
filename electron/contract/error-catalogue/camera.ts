// Photographs of pages from a document camera or a phone (issue 19): what makes a photo unusable,
// each with what the person at the camera should change.
import type { ErrorSpec } from './spec';

export const CAMERA_ERRORS = {
  'camera-no-page': {
    category: 'input',
    vi: 'Không thấy trang giấy nào trong ảnh {file}. Đặt trang giấy trên nền tối hơn giấy, cả bốn mép nằm trong khung hình, rồi chụp lại.',
    en: 'No page can be seen in the photo {file}. Lay the page on a surface darker than the paper, all four edges inside the frame, then take the photo again.',
  },
  'camera-page-cut': {
    category: 'input',
    vi: 'Trang giấy trong ảnh {file} bị cắt ở mép khung hình. Giữ cả bốn mép giấy trong khung hình (đưa máy ảnh ra xa hơn), rồi chụp lại.',
    en: 'The page in the photo {file} runs off the edge of the frame. Keep all four edges of the paper inside the frame (the camera further away), then take the photo again.',
  },
  'camera-outline-not-quadrilateral': {
    category: 'input',
    vi: 'Đường viền trang giấy trong ảnh {file} không phải hình tứ giác (có {corners} góc): có thể hai tờ chồng lên nhau hoặc tay che mép giấy. Đặt từng tờ riêng, bỏ tay khỏi trang, rồi chụp lại.',
    en: 'The page’s outline in the photo {file} is not a four-sided shape ({corners} corners): two sheets may overlap, or a hand may cover an edge. Lay one sheet at a time, take your hand off the page, then take the photo again.',
  },
  'camera-motion-blur': {
    category: 'input',
    vi: 'Ảnh {file} bị nhòe do rung. Giữ yên máy ảnh và trang giấy khi chụp, rồi chụp lại.',
    en: 'The photo {file} is blurred by movement. Keep the camera and the page still while the photo is taken, then take it again.',
  },
  'camera-too-dark': {
    category: 'input',
    vi: 'Ảnh {file} quá tối để đọc được chữ. Hãy bật đèn hoặc đưa trang ra chỗ sáng hơn, không để bóng tay che trang, rồi chụp lại.',
    en: 'The photo {file} is too dark to read. Turn on a light or move the page somewhere brighter, keep your hand’s shadow off the page, then take the photo again.',
  },
  'camera-too-bright': {
    category: 'input',
    vi: 'Ảnh {file} quá sáng: {share}% điểm ảnh bị cháy trắng, chữ bị mất. Hãy giảm ánh sáng, dời đèn để không chói lên giấy, rồi chụp lại.',
    en: 'The photo {file} is too bright: {share}% of its pixels are burnt out white and the text is lost. Use less light, with the lamp moved so that it does not glare on the paper, then take the photo again.',
  },
} as const satisfies Record<string, ErrorSpec>;
