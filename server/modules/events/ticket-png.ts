import QRCode from 'qrcode';
import { encodeBitmapPng } from '../../png.ts';
import type { MailAttachment } from '../mail/index.ts';

/** Light modules around the code, as the QR standard asks, and pixels per module (about 360 px in all). */
const MARGIN = 4;
const SCALE = 8;

/**
 * The ticket as a QR code in a PNG, attached to the mail that confirms an event seat. The code
 * holds the signed token only (see ticket.ts), nothing personal; whether it admits anybody is
 * decided at the door by the registration's state then, so a cancelled seat's PNG admits nobody.
 */
export function ticketAttachment(token: string): MailAttachment {
  const { size, data } = QRCode.create(token, { errorCorrectionLevel: 'M' }).modules;
  const side = (size + 2 * MARGIN) * SCALE;
  const content = encodeBitmapPng(side, side, (x, y) => {
    const col = Math.floor(x / SCALE) - MARGIN;
    const row = Math.floor(y / SCALE) - MARGIN;
    return col >= 0 && row >= 0 && col < size && row < size && Boolean(data[row * size + col]);
  });
  return { filename: 'ticket.png', contentType: 'image/png', content };
}
