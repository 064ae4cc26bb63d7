/** Word lists for a believable Nordic B2B demo workspace. */

export const firstNames = ['Aino', 'Eero', 'Laura', 'Mikko', 'Sanna', 'Juha', 'Kirsi', 'Ville', 'Anna', 'Timo', 'Outi', 'Pekka',
  'Heidi', 'Janne', 'Riikka', 'Antti', 'Elina', 'Jukka', 'Maria', 'Tuomas', 'Noora', 'Lauri', 'Emma', 'Oskari', 'Sofia', 'Henrik',
  'Ingrid', 'Lars', 'Maja', 'Erik', 'Freja', 'Nils', 'Astrid', 'Magnus', 'Karin', 'Sven', 'Ida', 'Johan', 'Liv', 'Anders'];

export const lastNames = ['Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen',
  'Järvinen', 'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Salo', 'Kinnunen', 'Turunen', 'Laaksonen',
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsen', 'Hansen', 'Nielsen', 'Berg', 'Lindqvist'];

export const companyStems = ['Arctic', 'Boreal', 'Kide', 'Lumo', 'Nordvik', 'Havu', 'Revontuli', 'Kallio', 'Saimaa', 'Tunturi',
  'Meri', 'Koivu', 'Aalto', 'Sisu', 'Polar', 'Fjord', 'Valo', 'Routa', 'Kaamos', 'Lakeus', 'Kuura', 'Hiisi', 'Ilma', 'Vesi', 'Tähti'];

export const companySuffixes = ['Analytics', 'Systems', 'Logistics', 'Health', 'Energy', 'Foods', 'Robotics', 'Software', 'Cloud',
  'Industries', 'Payments', 'Retail', 'Labs', 'Engineering'];

export const industries = ['Software', 'Manufacturing', 'Logistics', 'Healthcare', 'Energy', 'Retail', 'Financial services', 'Food & beverage'];
export const countries = [['Finland', 'Helsinki', 'Europe/Helsinki'], ['Finland', 'Tampere', 'Europe/Helsinki'], ['Finland', 'Oulu', 'Europe/Helsinki'],
  ['Sweden', 'Stockholm', 'Europe/Stockholm'], ['Norway', 'Oslo', 'Europe/Oslo'], ['Denmark', 'Copenhagen', 'Europe/Copenhagen'],
  ['Estonia', 'Tallinn', 'Europe/Tallinn']] as const;

export const roles = [
  { title: 'CEO', seniority: 'executive', persona: 'decision maker' },
  { title: 'CFO', seniority: 'executive', persona: 'decision maker' },
  { title: 'Head of Marketing', seniority: 'director', persona: 'marketing leader' },
  { title: 'Marketing Manager', seniority: 'manager', persona: 'marketer' },
  { title: 'Sales Director', seniority: 'director', persona: 'sales leader' },
  { title: 'IT Manager', seniority: 'manager', persona: 'technical buyer' },
  { title: 'Software Engineer', seniority: 'individual contributor', persona: 'user' },
  { title: 'Customer Service Lead', seniority: 'manager', persona: 'service leader' },
  { title: 'Procurement Specialist', seniority: 'individual contributor', persona: 'procurement' },
  { title: 'Marketing Coordinator', seniority: 'individual contributor', persona: 'marketer' },
];

export const sources = ['website form', 'webinar', 'trade fair', 'newsletter', 'partner referral', 'inbound call', 'LinkedIn ad'];
export const revenueBands = ['< 1 M€', '1–10 M€', '10–50 M€', '50–250 M€', '> 250 M€'];
export const dealProducts = ['platform licence', 'onboarding package', 'analytics add-on', 'support upgrade', 'expansion seats', 'renewal'];
export const lostReasons = ['Chose a competitor on price', 'No budget this year', 'Project postponed', 'No decision maker engaged', 'Built it in-house'];
export const callOutcomes = ['connected', 'left voicemail', 'no answer', 'booked a meeting'];
export const noteTexts = ['Interested in the analytics add-on; asked for a case study.', 'Budget decision in the next quarter.',
  'Current tool is a spreadsheet; pain is manual reporting.', 'Wants a demo for the marketing team.', 'Renewal at risk: low usage last month.',
  'Champion is moving to another role; find a new sponsor.'];
