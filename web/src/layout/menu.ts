// The sidebar menu drawn from the route records (router/routes.ts): the entries with a title,
// not hidden, and meant for the signed-in user's role.
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

export interface MenuEntry {
  path: string;
  name: string;
  titleKey: string;
  icon?: Component;
  children: MenuEntry[];
}

/**
 * The menu entries of `records` (under `parent`) for a user of `role` (undefined: nobody signed
 * in, who sees only the entries open to every role).
 */
export function menuEntries(
  records: readonly RouteRecordRaw[],
  role: string | undefined,
  parent = '',
): MenuEntry[] {
  return records
    .filter((record) => record.meta?.titleKey && !record.meta.hidden)
    .filter((record) => {
      const roles = record.meta?.roles as readonly string[] | undefined;
      return !roles || (role !== undefined && roles.includes(role));
    })
    .flatMap((record) => {
      const path = record.path === '' ? parent || '/' : `${parent}/${record.path}`;
      const children = menuEntries(record.children ?? [], role, path);
      // A group whose pages are all meant for other roles is left out too.
      if (record.children?.length && !children.length) return [];
      return [
        {
          path,
          name: String(record.name ?? record.path),
          titleKey: record.meta!.titleKey!,
          icon: record.meta!.icon,
          children,
        },
      ];
    });
}
