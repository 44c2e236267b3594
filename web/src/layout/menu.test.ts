import { describe, expect, it } from 'vitest';
import type { RouteRecordRaw } from 'vue-router';

import { appRoutes } from '@/router/routes';

import { menuEntries, type MenuEntry } from './menu';

/** Entry names, children as "parent/child". */
function names(entries: MenuEntry[]): string[] {
  return entries.flatMap((entry) => [entry.name, ...names(entry.children).map((child) => `${entry.name}/${child}`)]);
}

const page = { render: () => null };

describe('menuEntries', () => {
  it('shows 系统管理 to administrators, and only the audit log to street admins', () => {
    const admin = names(menuEntries(appRoutes, 'admin'));
    expect(admin).toContain('admin');
    expect(admin).toContain('admin/admin-users');
    expect(admin).toContain('admin/admin-audit');
    const street = names(menuEntries(appRoutes, 'street_admin'));
    expect(street).toContain('admin/admin-audit');
    expect(street).not.toContain('admin/admin-users');
    for (const role of ['community_worker', 'grid_worker', 'resident', 'planner', undefined]) {
      const shown = names(menuEntries(appRoutes, role));
      expect(shown, String(role)).not.toContain('admin');
      expect(shown.some((name) => name.startsWith('admin')), String(role)).toBe(false);
      expect(shown, String(role)).toContain('dashboard');
      if (role !== undefined) expect(shown, String(role)).toContain('registry');
    }
  });

  it('gives a resident their own household and none of the registry staff pages', () => {
    const resident = names(menuEntries(appRoutes, 'resident'));
    expect(resident.filter((name) => name.startsWith('registry'))).toEqual(['registry', 'registry/registry-my-household']);
    const worker = names(menuEntries(appRoutes, 'community_worker'));
    expect(worker).toContain('registry/registry-import');
    expect(worker).not.toContain('registry/registry-my-household');
    expect(names(menuEntries(appRoutes, 'street_admin'))).not.toContain('registry/registry-import');
    expect(names(menuEntries(appRoutes, 'planner')).filter((name) => name.startsWith('registry'))).toEqual([
      'registry',
      'registry/registry-population',
    ]);
  });

  it('leaves out hidden pages and builds paths from the parents', () => {
    const entries = menuEntries(appRoutes, 'admin');
    expect(names(entries)).not.toContain('not-found');
    expect(entries.find((entry) => entry.name === 'dashboard')?.path).toBe('/');
    const admin = entries.find((entry) => entry.name === 'admin');
    expect(admin?.children.map((child) => child.path)).toEqual(['/admin/users', '/admin/audit']);
  });

  it('drops a group when none of its pages is for the role', () => {
    const records: RouteRecordRaw[] = [
      {
        path: 'group',
        meta: { titleKey: 'menu.admin' },
        children: [
          { path: 'a', name: 'a', component: page, meta: { titleKey: 'menu.users', roles: ['admin'] } },
          { path: 'b', name: 'b', component: page, meta: { titleKey: 'menu.audit', roles: ['admin', 'street_admin'] } },
        ],
      },
    ];
    expect(names(menuEntries(records, 'street_admin'))).toEqual(['group', 'group/b']);
    expect(names(menuEntries(records, 'resident'))).toEqual([]);
  });
});
