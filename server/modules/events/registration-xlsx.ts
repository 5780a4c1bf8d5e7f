import ExcelJS from 'exceljs';
import type { RegistrationList } from '../../../contracts/registration.ts';

/**
 * The participant list as an Excel workbook: sheet "Anmeldungen" with the columns of the CSV
 * export, sheet "Workshops" with one row per workshop seat. Every value goes in as a plain string
 * cell: exceljs writes a string as a value, never as a formula, so a name like `=HYPERLINK(…)`
 * is shown as typed and never run.
 */
export interface XlsxLabels {
  participantType: (type: string) => string;
  status: (status: string) => string;
}

export const PARTICIPANT_COLUMNS = ['Name', 'E-Mail', 'Organisation', 'Gruppe', 'Barrierefreiheit', 'Status', 'Bestätigt am', 'Workshops'];
const WORKSHOP_COLUMNS = ['Workshop', 'Beginn', 'Name', 'E-Mail', 'Organisation', 'Status'];

/** Rows in the order of the CSV export: by time of confirmation, unconfirmed last. */
export function participantsInOrder(items: RegistrationList['items']): RegistrationList['items'] {
  return [...items].sort((a, b) => (a.queuedAt ?? '~').localeCompare(b.queuedAt ?? '~') || a.createdAt.localeCompare(b.createdAt));
}

export async function participantWorkbook(data: RegistrationList, labels: XlsxLabels): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ITAS-Plattform';
  const titles = new Map(data.workshops.map((w) => [w.sessionId, w]));
  const people = participantsInOrder(data.items);

  const sheet = workbook.addWorksheet('Anmeldungen', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [30, 34, 30, 22, 40, 16, 26, 60].map((width) => ({ width }));
  sheet.addRow(PARTICIPANT_COLUMNS).font = { bold: true };
  for (const r of people) {
    sheet.addRow([
      r.name,
      r.email,
      r.organisation,
      labels.participantType(r.participantType),
      r.accessibilityNeeds,
      labels.status(r.status),
      r.queuedAt ?? '',
      r.workshops.map((w) => `${titles.get(w.sessionId)?.title ?? w.sessionId} (${labels.status(w.status)})`).join(' | '),
    ]);
  }

  const seats = workbook.addWorksheet('Workshops', { views: [{ state: 'frozen', ySplit: 1 }] });
  seats.columns = [40, 26, 30, 34, 30, 16].map((width) => ({ width }));
  seats.addRow(WORKSHOP_COLUMNS).font = { bold: true };
  for (const w of data.workshops) {
    for (const r of people) {
      for (const seat of r.workshops.filter((s) => s.sessionId === w.sessionId)) {
        seats.addRow([w.title, w.startsAt, r.name, r.email, r.organisation, labels.status(seat.status)]);
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
