import { Box, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormInput } from '../types';
import './preview.css';

/**
 * The form as a first-time visitor sees it on a website, drawn like t.js draws it. With
 * progressive profiling only the first questions show; a returning visitor gets the next
 * unknown ones.
 */
export function FormPreview({ draft }: { draft: FormInput }) {
  const [view, setView] = useState<'form' | 'after'>('form');
  const visible = draft.fields.filter((field) => field.type !== 'hidden');
  const shown = draft.progressive ? visible.slice(0, draft.progressive.maxFields) : visible;
  const after = draft.afterSubmit;
  return (
    <Stack gap="sm">
      <SegmentedControl
        size="xs"
        value={view}
        onChange={(value) => setView(value as 'form' | 'after')}
        data={[
          { value: 'form', label: 'Form' },
          { value: 'after', label: 'After submitting' },
        ]}
        aria-label="Preview of"
      />
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }} aria-label="Preview" role="region">
        <Group gap={6} px="sm" py={8} bg="var(--mantine-color-gray-0)" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          {['#f87171', '#fbbf24', '#34d399'].map((color) => (
            <Box key={color} w={10} h={10} bg={color} style={{ borderRadius: 99 }} />
          ))}
          <Text fz={11} c="dimmed" ml="xs" truncate style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
            your-website.com/contact
          </Text>
        </Group>
        <Box p="lg" fz="sm" style={{ background: '#fff' }}>
          {view === 'form' ? (
            <form className="tdm-form" onSubmit={(event) => event.preventDefault()} aria-label="Form preview" noValidate>
              {shown.map((field, index) => {
                const marker = field.required ? <span className="tdm-req" aria-hidden> *</span> : null;
                if (field.type === 'checkbox') {
                  return (
                    <label key={index} className="tdm-check">
                      <input type="checkbox" tabIndex={-1} />
                      <span>
                        {field.label}
                        {marker}
                      </span>
                    </label>
                  );
                }
                return (
                  <label key={index}>
                    <span>
                      {field.label || 'Untitled'}
                      {marker}
                    </span>
                    {field.type === 'select' ? (
                      <select tabIndex={-1} defaultValue="">
                        <option value="">{field.placeholder || 'Choose…'}</option>
                        {(field.options ?? []).map((option) => (
                          <option key={option}>{option}</option>
                        ))}
                      </select>
                    ) : field.type === 'textarea' ? (
                      <textarea tabIndex={-1} placeholder={field.placeholder} readOnly />
                    ) : (
                      <input type={field.type} tabIndex={-1} placeholder={field.placeholder} readOnly />
                    )}
                  </label>
                );
              })}
              {draft.consents.map((consent, index) => (
                <label key={`consent-${index}`} className="tdm-check">
                  <input type="checkbox" tabIndex={-1} />
                  <span>
                    {consent.wording}
                    {consent.required && <span className="tdm-req" aria-hidden> *</span>}
                  </span>
                </label>
              ))}
              <button type="submit" tabIndex={-1}>
                {draft.submitLabel || 'Submit'}
              </button>
            </form>
          ) : after.kind === 'redirect' ? (
            <Text fz="sm" c="dimmed">
              The visitor is taken to <b>{after.url || 'the address you give'}</b>.
            </Text>
          ) : (
            <div className="tdm-form tdm-done" role="status">
              <p style={{ margin: 0 }}>{after.message}</p>
              {after.kind === 'asset' && (
                <p style={{ margin: '12px 0 0' }}>
                  <a href={after.url || '#'} target="_blank" rel="noreferrer" style={{ color: '#2563eb', fontWeight: 600 }}>
                    Download
                  </a>
                </p>
              )}
            </div>
          )}
        </Box>
      </Paper>
      {draft.progressive && visible.length > shown.length && (
        <Text fz="xs" c="dimmed">
          Progressive profiling: a returning visitor whose answers are known sees the next questions, at most {draft.progressive.maxFields} at a time.
        </Text>
      )}
    </Stack>
  );
}
