// The pages inside the signed-in layout, in menu order.
//
// The sidebar menu, the breadcrumb, the page tabs and the window title are all drawn from these
// records (meta.titleKey, meta.icon, meta.roles), so a module's page is declared in this one
// place.
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import type { Role } from '@/api/client';
import {
  Bicycle,
  Bowl,
  ChatLineSquare,
  DataAnalysis,
  House,
  HomeFilled,
  Lollipop,
  MapLocation,
  OfficeBuilding,
  Postcard,
  School,
  Setting,
  Tickets,
  Upload,
  User as UserIcon,
} from '@element-plus/icons-vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page's name in the menu, breadcrumb, tab and window title. */
    titleKey?: string;
    icon?: Component;
    /** Reachable without signing in. */
    public?: boolean;
    /** Kept out of the sidebar menu. */
    hidden?: boolean;
    /**
     * The roles the menu shows this entry (and its children) to; every role when absent. Only
     * the menu: the server still decides, and a page shows "no permission" on its 403.
     */
    roles?: readonly Role[];
  }
}

/** The roles that read the registry's personal records (docs/registry.md). */
const REGISTRY_STAFF: readonly Role[] = ['admin', 'street_admin', 'community_worker', 'grid_worker'];
/** The roles that write the registry, batch imports included (write_registry). */
const REGISTRY_WRITERS: readonly Role[] = ['admin', 'community_worker', 'grid_worker'];
/** The roles that see the population structure (read_dashboard): aggregates, no personal data. */
const POPULATION_READERS: readonly Role[] = [...REGISTRY_STAFF, 'planner'];
/** Eldercare (src/auth/permissions.cc): who reads elders' files, who writes assessments. */
const ELDERCARE_READERS: readonly Role[] = [
  'admin',
  'street_admin',
  'community_worker',
  'grid_worker',
  'caregiver',
  'canteen_operator',
];
const ELDERCARE_WRITERS: readonly Role[] = ['admin', 'community_worker', 'grid_worker'];
const HOMECARE_MANAGERS: readonly Role[] = ['admin', 'community_worker'];
const CANTEEN_OPERATORS: readonly Role[] = ['admin', 'community_worker', 'canteen_operator'];
const TIMEBANK_USERS: readonly Role[] = ['admin', 'community_worker', 'volunteer', 'resident'];

export const appRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'dashboard',
    component: () => import('@/dashboard/DashboardPage.vue'),
    meta: { titleKey: 'menu.dashboard', icon: House },
  },
  {
    path: 'registry',
    redirect: { name: 'registry-residents' },
    meta: { titleKey: 'menu.registry', icon: Postcard },
    children: [
      {
        path: 'residents',
        name: 'registry-residents',
        component: () => import('@/registry/ResidentsPage.vue'),
        meta: { titleKey: 'menu.residents', icon: UserIcon, roles: REGISTRY_STAFF },
      },
      {
        path: 'buildings',
        name: 'registry-buildings',
        component: () => import('@/registry/BuildingsPage.vue'),
        meta: { titleKey: 'menu.buildings', icon: School, roles: REGISTRY_STAFF },
      },
      {
        path: 'import',
        name: 'registry-import',
        component: () => import('@/registry/ImportPage.vue'),
        meta: { titleKey: 'registry.nav.import', icon: Upload, roles: REGISTRY_WRITERS },
      },
      {
        path: 'population',
        name: 'registry-population',
        component: () => import('@/registry/PopulationPage.vue'),
        meta: { titleKey: 'menu.population', icon: DataAnalysis, roles: POPULATION_READERS },
      },
      {
        path: 'mine',
        name: 'registry-my-household',
        component: () => import('@/registry/MyHouseholdPage.vue'),
        meta: { titleKey: 'registry.nav.myHousehold', icon: HomeFilled, roles: ['resident'] },
      },
    ],
  },
  {
    path: 'requests',
    name: 'requests',
    component: () => import('@/requests/RequestsPage.vue'),
    meta: { titleKey: 'menu.requests', icon: ChatLineSquare },
  },
  {
    path: 'eldercare',
    redirect: { name: 'eldercare-elders' },
    meta: { titleKey: 'menu.eldercare', icon: Bowl },
    children: [
      {
        path: 'elders',
        name: 'eldercare-elders',
        component: () => import('@/eldercare/elders/ElderListPage.vue'),
        meta: { titleKey: 'eldercareNav.elders', roles: ELDERCARE_READERS },
      },
      {
        path: 'elders/:id',
        name: 'eldercare-elder-file',
        component: () => import('@/eldercare/elders/ElderFilePage.vue'),
        meta: { titleKey: 'eldercareNav.elderFile', hidden: true, roles: ELDERCARE_READERS },
      },
      {
        path: 'assessments',
        name: 'eldercare-assessments',
        component: () => import('@/eldercare/assessment/AssessmentsPage.vue'),
        meta: { titleKey: 'eldercareNav.assessments', roles: ELDERCARE_WRITERS },
      },
      {
        path: 'homecare',
        name: 'eldercare-homecare',
        component: () => import('@/eldercare/homecare/HomeCarePage.vue'),
        meta: { titleKey: 'eldercareNav.homecare', roles: HOMECARE_MANAGERS },
      },
      {
        path: 'canteen',
        name: 'eldercare-canteen',
        component: () => import('@/eldercare/canteen/CanteenPage.vue'),
        meta: { titleKey: 'eldercareNav.canteen', roles: CANTEEN_OPERATORS },
      },
      {
        path: 'timebank',
        name: 'eldercare-timebank',
        component: () => import('@/eldercare/timebank/TimebankPage.vue'),
        meta: { titleKey: 'eldercareNav.timebank', roles: TIMEBANK_USERS },
      },
      {
        path: 'workforce',
        name: 'eldercare-workforce',
        component: () => import('@/eldercare/workforce/WorkforcePage.vue'),
        meta: { titleKey: 'eldercareNav.workforce', roles: HOMECARE_MANAGERS },
      },
      {
        path: 'my-day',
        name: 'eldercare-my-day',
        component: () => import('@/caregiver/CaregiverDayPage.vue'),
        meta: { titleKey: 'eldercareNav.myDay', roles: ['caregiver'] },
      },
      {
        path: 'for-me',
        name: 'eldercare-for-me',
        component: () => import('@/elder/ElderHomePage.vue'),
        meta: { titleKey: 'eldercareNav.forMe', roles: ['resident'] },
      },
    ],
  },
  {
    path: 'childcare',
    name: 'childcare',
    component: () => import('@/childcare/ChildcarePage.vue'),
    meta: { titleKey: 'menu.childcare', icon: Lollipop },
  },
  {
    path: 'gigwork',
    name: 'gigwork',
    component: () => import('@/gigwork/GigworkPage.vue'),
    meta: { titleKey: 'menu.gigwork', icon: Bicycle },
  },
  {
    path: 'renewal',
    name: 'renewal',
    component: () => import('@/renewal/RenewalPage.vue'),
    meta: { titleKey: 'menu.renewal', icon: OfficeBuilding },
  },
  {
    path: 'planning',
    name: 'planning',
    component: () => import('@/planning/PlanningPage.vue'),
    meta: { titleKey: 'menu.planning', icon: MapLocation },
  },
  {
    path: 'admin',
    redirect: { name: 'admin-users' },
    meta: { titleKey: 'menu.admin', icon: Setting, roles: ['admin', 'street_admin'] },
    children: [
      {
        path: 'users',
        name: 'admin-users',
        component: () => import('@/admin/UsersPage.vue'),
        meta: { titleKey: 'menu.users', icon: UserIcon, roles: ['admin'] },
      },
      {
        path: 'audit',
        name: 'admin-audit',
        component: () => import('@/admin/AuditPage.vue'),
        meta: { titleKey: 'menu.audit', icon: Tickets, roles: ['admin', 'street_admin'] },
      },
    ],
  },
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/components/NotFoundPage.vue'),
    meta: { titleKey: 'errors.notFoundTitle', hidden: true },
  },
];
