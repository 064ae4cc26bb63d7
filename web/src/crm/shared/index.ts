// Shared CRM building blocks for the contact, company and deal screens.
export { ActivityComposer } from './ActivityComposer';
export { OwnerName, OwnerSelect, type OwnerSelectProps } from './OwnerSelect';
export { TaskList } from './TaskList';
export { Timeline } from './Timeline';
export * from './fields';
export * from './queries';
