import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Account = z.object({ email: z.string().min(3), password: z.string().min(1) });
const CredentialsSchema = z.object({ admin: Account, staff: Account, analyst: Account });
export type Credentials = z.infer<typeof CredentialsSchema>;

/** The demo accounts the test script seeded; the file path comes from E2E_CREDENTIALS. */
export function loadCredentials(): Credentials {
  const file = process.env.E2E_CREDENTIALS;
  if (!file) throw new Error('E2E_CREDENTIALS ist nicht gesetzt (Pfad zur JSON-Datei mit den Demo-Zugängen).');
  return CredentialsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
