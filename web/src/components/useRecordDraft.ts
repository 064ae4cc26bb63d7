import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/client';

interface RecordDraftOptions<R extends { id: string }, I> {
  /** The saved record, or undefined for a new one. */
  record: R | undefined;
  inputOf: (record: R) => I;
  blank: () => I;
  create: UseMutationResult<R, Error, I>;
  update: UseMutationResult<R, Error, Partial<I>>;
  /** Where a created record opens: `/forms/<id>`. */
  pathOf: (id: string) => string;
  /** The id of the "not saved" notification, so a later save replaces it. */
  notificationId: string;
  messages: { created: string; saved: string };
  /** Called on a refusal before it is shown (to open the input at fault). */
  onRefused?: (failure: unknown) => void;
}

/**
 * A record editor's draft: what is typed, whether it differs from what was saved, and a save
 * that creates (then opens the new record) or updates (then takes the saved version as the
 * draft), with the notifications of both outcomes.
 */
export function useRecordDraft<R extends { id: string }, I>({ record, inputOf, blank, create, update, pathOf, notificationId, messages, onRefused }: RecordDraftOptions<R, I>) {
  const navigate = useNavigate();
  // The editor is keyed by the record, so the draft starts once from what was saved.
  const initial = useMemo(() => (record ? inputOf(record) : blank()), [record]);
  const [draft, setDraft] = useState<I>(initial);
  const [savedAs, setSavedAs] = useState(() => JSON.stringify(initial));
  const dirty = JSON.stringify(draft) !== savedAs;

  const onError = (failure: unknown) => {
    onRefused?.(failure);
    notifications.show({ id: notificationId, color: 'red', title: 'Not saved', message: errorMessage(failure) });
  };
  const succeeded = (message: string) => {
    notifications.hide(notificationId);
    notifications.show({ color: 'teal', message });
  };

  const save = (body: I) => {
    if (!record) {
      create.mutate(body, {
        onSuccess: (created) => {
          succeeded(messages.created);
          navigate(pathOf(created.id), { replace: true });
        },
        onError,
      });
      return;
    }
    update.mutate(body, {
      onSuccess: (saved) => {
        const next = inputOf(saved);
        setDraft(next);
        setSavedAs(JSON.stringify(next));
        succeeded(messages.saved);
      },
      onError,
    });
  };

  return { draft, setDraft, dirty, save };
}
