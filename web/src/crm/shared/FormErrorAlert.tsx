import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** A form's overall error (one no single input shows), or nothing when there is none. */
export function FormErrorAlert({ message }: { message: ReactNode }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}
