import QRCode from 'qrcode';
import type { MailAttachment } from '../mail/index.ts';

/**
 * The ticket as a QR code in a PNG, attached to the mail that confirms an event seat. The code
 * holds the signed token only (see ticket.ts), nothing personal; whether it admits anybody is
 * decided at the door by the registration's state then, so a cancelled seat's PNG admits nobody.
 */
export async function ticketAttachment(token: string): Promise<MailAttachment> {
  const content = await QRCode.toBuffer(token, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 480 });
  return { filename: 'ticket.png', contentType: 'image/png', content };
}
