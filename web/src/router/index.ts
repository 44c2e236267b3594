// The router and its sign-in guard: every page but /login needs a signed-in user, checked with
// GET /me on the first navigation after a page load.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

import { reportError } from '@/api/client';
import { ensureSession } from '@/auth/session';
import AppLayout from '@/layout/AppLayout.vue';

import { appRoutes } from './routes';

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/auth/LoginPage.vue'),
    meta: { titleKey: 'login.title', public: true },
  },
  { path: '/', component: AppLayout, children: appRoutes },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
});

/** Only same-site paths are followed after sign-in (no `//host` or absolute URLs). */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')
    ? value
    : '/';
}

router.beforeEach(async (to) => {
  let user = null;
  try {
    user = await ensureSession();
  } catch (error) {
    // The server could not say (down, 5xx): tell the user and show the sign-in page.
    reportError(error);
  }
  if (to.meta.public) {
    // A signed-in user has no business on the sign-in page.
    return user && to.name === 'login' ? safeRedirect(to.query.redirect) : true;
  }
  if (!user) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  return true;
});
