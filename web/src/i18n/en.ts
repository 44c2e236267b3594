// English messages. Typed against the Chinese file, so both always have the same keys.
import type { Messages } from './zh-CN';

const en: Messages = {
  app: {
    name: 'shequ Community Services',
  },
  lang: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  common: {
    refresh: 'Refresh',
    reset: 'Reset',
    all: 'All',
    backHome: 'Back to dashboard',
  },
  menu: {
    dashboard: 'Dashboard',
    registry: 'Registry',
    requests: 'Requests',
    eldercare: 'Elder care',
    childcare: 'Childcare',
    gigwork: 'Gig workers',
    renewal: 'Urban renewal',
    planning: 'Community planning',
    admin: 'Administration',
    users: 'Users',
  },
  layout: {
    toggleSidebar: 'Expand or collapse the menu',
    userMenu: 'User menu',
    logout: 'Log out',
    loggedOut: 'You have logged out',
  },
  login: {
    title: 'Sign in',
    subtitle: 'For street, community and grid staff',
    login: 'Account',
    loginPlaceholder: 'Enter your account',
    password: 'Password',
    passwordPlaceholder: 'Enter your password',
    submit: 'Sign in',
    loginRequired: 'Please enter your account',
    loginTooLong: 'The account is at most {max} characters',
    passwordRequired: 'Please enter your password',
    retryAfterSeconds: 'Try again in {seconds} seconds.',
    retryAfterMinutes: 'Try again in {minutes} minutes.',
    retryIn: 'Retry in {time}',
  },
  errors: {
    network: 'Cannot reach the server. Check the network and try again.',
    http: 'The request failed (HTTP {status}).',
    unknown: 'Something went wrong. Please try again later.',
    forbiddenTitle: 'No permission',
    forbiddenSubtitle:
      'Your role may not view this page. Ask the system administrator if you need access.',
    notFoundTitle: 'Page not found',
    notFoundSubtitle: 'The page you asked for does not exist or was removed.',
    loadFailed: 'Could not load',
  },
  scope: {
    label: 'Scope',
    display: '{kind}: {name}',
    kind: {
      street: 'Street',
      community: 'Community',
      grid: 'Grid',
    },
  },
  roles: {
    admin: 'Administrator',
    street_admin: 'Street administrator',
    community_worker: 'Community worker',
    grid_worker: 'Grid worker',
    resident: 'Resident',
    volunteer: 'Volunteer',
    caregiver: 'Home-care worker',
    canteen_operator: 'Canteen operator',
    childcare_operator: 'Childcare provider',
    courier: 'Courier or rider',
    planner: 'Planner',
  },
  dashboard: {
    welcome: 'Hello, {name}',
    countsTitle: 'Overview',
    empty: 'No figures yet',
    counts: {
      streets: 'Streets',
      communities: 'Communities',
      grids: 'Grids',
      users: 'Users',
      residents: 'Residents',
      buildings: 'Buildings',
      households: 'Households',
      audit_events_today: 'Audit events today',
    },
  },
  users: {
    login: 'Account',
    displayName: 'Name',
    role: 'Role',
    scope: 'Scope',
    status: 'Status',
    enabled: 'Active',
    disabled: 'Disabled',
    createdAt: 'Created',
    keyword: 'Keyword',
    keywordPlaceholder: 'Account or name',
    rolePlaceholder: 'Choose a role',
    empty: 'No users match',
  },
  modulePage: {
    status: 'Coming soon',
    plannedTitle: 'What this module will do',
  },
  modules: {
    registry: {
      summary:
        'One registry of the buildings, households and residents of the area, with the population structure at a glance. ID card and phone numbers are encrypted at rest, masked on screen, and every read is audited.',
      features: [
        'Buildings, stairwells and dwellings',
        'Households and residents, registered residence and living here',
        'Population structure: the elderly, small children, groups needing attention',
        'Personal data encrypted, masked, and every read in the audit log',
        'Grid workers see only their own grid',
      ],
    },
    requests: {
      summary:
        "Residents' requests tracked from intake to a rated resolution: accept, assign, resolve, follow up, with deadlines, residents' ratings, and the response, resolution and satisfaction rates.",
      features: [
        'Intake online, by phone and on visits',
        'Accept, assign, resolve, follow up, reopen',
        'Deadlines and overdue reminders',
        "Residents' ratings and the three rates",
        'Proactive tasks opened from clusters of similar requests',
        'Open311 interface for existing civic-issue apps',
      ],
    },
    eldercare: {
      summary:
        'Services for the elderly: the canteen and meal points, home care, ability assessment, volunteers and the time bank.',
      features: [
        'Canteen meal orders with tiered subsidised prices and a sustainability check',
        'Home-care bookings and visit records',
        'Ability assessment (GB/T 42195-2022, grades 0–4) and care plans',
        'Volunteer sign-up, activities and time-bank hours',
      ],
    },
    childcare: {
      summary:
        'Care for children under three: childcare providers, childcare places and affordable places, applications and waitlists, the childcare subsidy.',
      features: [
        'Providers and classes (infant, toddler, older toddler, mixed-age)',
        'Childcare places and affordable places',
        'Applications and waitlists',
        'Childcare subsidy applications and review',
        'Staff-to-child ratio checks',
      ],
    },
    gigwork: {
      summary:
        'A friendly community for couriers, delivery riders and ride-hail drivers: stations, charging, gate passes and reports from their rounds.',
      features: [
        'Map of stations: charging, rest, water, meals',
        'Charging-slot booking',
        'Gate passes for residential compounds',
        'Friendly merchants',
        'Problems reported by workers on their rounds',
      ],
    },
    renewal: {
      summary:
        'Old-estate renovation and urban renewal: renovation projects, owner votes on elevator retrofits, parking.',
      features: [
        'Renovation projects and their progress',
        'Elevator-retrofit votes counted by owners and by exclusive floor area (Civil Code art. 278)',
        'Parking spaces and parking management',
      ],
    },
    planning: {
      summary:
        'Complete-community assessment and 5, 10 and 15-minute living-circle coverage on the real walking network; shortage or surplus of elder-care and childcare services; where to put the next facility.',
      features: [
        'Import of OpenStreetMap streets, buildings and facilities',
        'Walking accessibility and living-circle coverage maps',
        'Complete-community assessment (MOHURD standard)',
        'Supply and demand of facilities (2SFCA)',
        'Siting of new facilities and service-route optimisation',
      ],
    },
  },
};

export default en;
