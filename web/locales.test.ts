import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../contracts/admin.ts';
import { ROLES } from '../contracts/common.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function lookup(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Tree)[key] : undefined), tree);
}

describe('translations', () => {
  it('German and English have the same keys', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(de as Tree).sort());
  });

  it('no text is empty', () => {
    for (const tree of [de, en] as Tree[]) {
      for (const key of keys(tree)) expect(String(lookup(tree, key)).trim(), key).not.toBe('');
    }
  });

  it('every audit action and every role has a label in both languages', () => {
    for (const tree of [de, en] as Tree[]) {
      for (const action of AUDIT_ACTIONS) expect(typeof lookup(tree, `audit.actions.${action}`), action).toBe('string');
      for (const role of ROLES) expect(typeof lookup(tree, `roles.${role}`), role).toBe('string');
    }
  });

  it('uses the German role names the initiative agreed on', () => {
    expect(de.roles).toEqual({ admin: 'Administration', staff: 'Mitarbeitende', analyst: 'Analyse', company: 'Unternehmen' });
  });
});
