import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';

interface DeleteDialogProps {
  /** "segment" or "list": the dialog's title and button. */
  kind: string;
  target: { id: string; name: string };
  /** What deleting it means for the rest of the workspace. */
  consequence: string;
  remove: UseMutationResult<void, Error, string>;
  /** Where to go once it is gone. */
  backTo: string;
  opened: boolean;
  onClose: () => void;
}

/** Confirms deleting a segment or a list; a refusal (a segment in use) is shown with the server's reason. */
export function DeleteDialog({ kind, target, consequence, remove, backTo, opened, onClose }: DeleteDialogProps) {
  const navigate = useNavigate();
  return (
    <ConfirmDialog
      opened={opened}
      title={`Delete ${kind}`}
      confirmLabel={`Delete ${kind}`}
      loading={remove.isPending}
      onCancel={onClose}
      onConfirm={() =>
        remove.mutate(target.id, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: `Deleted ${target.name}.` });
            navigate(backTo);
          },
          onError: (error) => {
            notifications.show({ color: 'red', title: 'Could not delete', message: errorMessage(error) });
            onClose();
          },
        })
      }
    >
      Delete {target.name}? {consequence} This cannot be undone.
    </ConfirmDialog>
  );
}
