import {
  IconActivity,
  IconAddressBook,
  IconBuildingSkyscraper,
  IconChartBar,
  IconChecklist,
  IconFilter,
  IconForms,
  IconGauge,
  IconLayoutBoard,
  IconListDetails,
  IconMail,
  IconRoute,
  IconSparkles,
  IconTargetArrow,
  IconUserCheck,
  type Icon,
} from '@tabler/icons-react';

export interface ModuleInfo {
  path: string;
  label: string;
  icon: Icon;
  /** What the module will hold, for its empty state. */
  description: string;
}

/** The product modules in navigation order; each gets its own screen as it is built. */
export const MODULES: readonly ModuleInfo[] = [
  {
    path: '/contacts',
    label: 'Contacts',
    icon: IconAddressBook,
    description:
      'Every person you know about, with their profile, lifecycle stage, score and a timeline of everything they did.',
  },
  {
    path: '/companies',
    label: 'Companies',
    icon: IconBuildingSkyscraper,
    description: 'The accounts your contacts work for, with their people, deals, health score and shared history.',
  },
  {
    path: '/leads',
    label: 'Leads',
    icon: IconUserCheck,
    description: 'Contacts who met the lead definition, routed to sales with an SLA, each showing why it qualified.',
  },
  {
    path: '/deals',
    label: 'Deals',
    icon: IconTargetArrow,
    description: 'Your pipelines as boards of deals, with the calls, meetings, notes and tasks that move them to won.',
  },
  {
    path: '/tasks',
    label: 'My tasks',
    icon: IconChecklist,
    description: 'Your open calls, follow-ups and to-dos across contacts, companies and deals, by due date.',
  },
  {
    path: '/events',
    label: 'Live events',
    icon: IconActivity,
    description: 'Page views, actions and identities from your website, apps and servers, as they arrive.',
  },
  {
    path: '/segments',
    label: 'Segments',
    icon: IconFilter,
    description: 'Real-time lists of contacts built from their properties and behaviour, each member showing why it belongs.',
  },
  {
    path: '/lists',
    label: 'Lists',
    icon: IconListDetails,
    description: 'Static lists of contacts, added by hand, from a condition or from a CSV file.',
  },
  {
    path: '/scoring',
    label: 'Scoring',
    icon: IconGauge,
    description: 'Fit and engagement rules that grade every contact from A1 to D4 and rank them hot, warm or cold.',
  },
  {
    path: '/journeys',
    label: 'Journeys',
    icon: IconRoute,
    description: 'Automated nurture, onboarding, cross-sell and win-back flows that send, wait, branch and hand over to sales.',
  },
  {
    path: '/email',
    label: 'Email',
    icon: IconMail,
    description: 'Email templates and campaigns with personalisation, consent and suppression, and their delivery results.',
  },
  {
    path: '/forms',
    label: 'Forms',
    icon: IconForms,
    description: 'Forms that capture leads from your website straight into contact profiles, with consent.',
  },
  {
    path: '/landing-pages',
    label: 'Landing pages',
    icon: IconLayoutBoard,
    description: 'Hosted landing pages built from blocks, with A/B variants and their conversion statistics.',
  },
  {
    path: '/personalisation',
    label: 'Personalisation',
    icon: IconSparkles,
    description: 'Content slots on your website that show each segment its own content.',
  },
  {
    path: '/reports',
    label: 'Reports',
    icon: IconChartBar,
    description: 'Funnels, campaign results and the revenue that marketing sourced or influenced, shared by marketing and sales.',
  },
];
