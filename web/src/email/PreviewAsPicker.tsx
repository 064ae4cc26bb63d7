import { ContactSelect, type PickedContact } from '../components/ContactSelect';

export type { PickedContact };

/** Picks the contact whose data fills the merge fields of the preview; none means sample data. */
export function PreviewAsPicker({ value, onChange }: { value: PickedContact | null; onChange: (contact: PickedContact | null) => void }) {
  return <ContactSelect aria-label="Preview as" placeholder="Sample data (Alex Example)" size="xs" w={230} value={value} onChange={onChange} />;
}
