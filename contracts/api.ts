/**
 * The HTTP API in one table: method, path, who may call it. The server registers exactly these
 * routes (a test checks it), the authorisation matrix test walks them, and the web client
 * reads paths from here.
 *
 * Access: `public` anyone; `user` any signed-in user; `admin` role admin;
 * `org-member` admin, or staff/analyst of the organisation in the path.
 */
export type Access = 'public' | 'user' | 'admin' | 'org-member';

export const API = {
  meta: { method: 'GET', path: '/api/meta', access: 'public' },
  me: { method: 'GET', path: '/api/auth/me', access: 'public' },
  login: { method: 'POST', path: '/api/auth/login', access: 'public' },
  logout: { method: 'POST', path: '/api/auth/logout', access: 'public' },
  resetRequest: { method: 'POST', path: '/api/auth/password-reset', access: 'public' },
  resetConfirm: { method: 'POST', path: '/api/auth/password-reset/confirm', access: 'public' },

  changePassword: { method: 'POST', path: '/api/account/password', access: 'user' },
  listSessions: { method: 'GET', path: '/api/account/sessions', access: 'user' },
  revokeSession: { method: 'DELETE', path: '/api/account/sessions/:id', access: 'user' },
  logoutEverywhere: { method: 'POST', path: '/api/account/logout-everywhere', access: 'user' },

  listOrganisations: { method: 'GET', path: '/api/organisations', access: 'public' },
  createOrganisation: { method: 'POST', path: '/api/organisations', access: 'admin' },
  updateOrganisation: { method: 'PATCH', path: '/api/organisations/:id', access: 'admin' },
  listMembers: { method: 'GET', path: '/api/organisations/:id/members', access: 'org-member' },

  listUsers: { method: 'GET', path: '/api/users', access: 'admin' },
  createUser: { method: 'POST', path: '/api/users', access: 'admin' },
  getUser: { method: 'GET', path: '/api/users/:id', access: 'admin' },
  updateUser: { method: 'PATCH', path: '/api/users/:id', access: 'admin' },
  deleteUser: { method: 'DELETE', path: '/api/users/:id', access: 'admin' },
  endUserSessions: { method: 'POST', path: '/api/users/:id/end-sessions', access: 'admin' },

  publicWave: { method: 'GET', path: '/api/study/waves/:code', access: 'public' },
  submitResponses: { method: 'POST', path: '/api/study/waves/:code/responses', access: 'public' },

  listOutbox: { method: 'GET', path: '/api/admin/outbox', access: 'admin' },
  listAudit: { method: 'GET', path: '/api/admin/audit', access: 'admin' },
} as const satisfies Record<string, { method: string; path: string; access: Access }>;

export type ApiName = keyof typeof API;

/** Fills `:param` segments. */
export function apiPath(name: ApiName, params: Record<string, string> = {}): string {
  return API[name].path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
}
