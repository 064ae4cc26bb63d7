import { Box, Text } from '@mantine/core';
import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';

const LINE_HEIGHT = 20;
const PADDING = 10;
const FONT = 'var(--mantine-font-family-monospace)';

export interface CodeEditorHandle {
  /** Puts text at the cursor (replacing a selection) and leaves the cursor after it. */
  insert: (text: string) => void;
  /** Selects a line and scrolls it into view. */
  goToLine: (line: number) => void;
}

interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Its accessible name, e.g. "MJML". */
  label: string;
  /** A line the server's error points at, marked in the gutter. */
  errorLine?: number | null;
  height: number | string;
  readOnly?: boolean;
  onFocus?: () => void;
}

/**
 * A plain monospace editor with line numbers: a textarea (no wrapping, so each line has its
 * number) beside a gutter that scrolls with it. Tab indents; Escape then Tab leaves.
 */
export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(
  { value, onChange, label, errorLine, height, readOnly, onFocus },
  ref,
) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [focused, setFocused] = useState(false);
  const escaped = useRef(false);
  const lines = value.split('\n').length;

  const replaceSelection = (text: string) => {
    const element = textarea.current;
    if (!element) return;
    const start = element.selectionStart;
    const end = element.selectionEnd;
    onChange(value.slice(0, start) + text + value.slice(end));
    // After React has put the new value in the textarea.
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(start + text.length, start + text.length);
    });
  };

  useImperativeHandle(ref, () => ({
    insert: replaceSelection,
    goToLine: (line) => {
      const element = textarea.current;
      if (!element) return;
      const all = value.split('\n');
      const start = all.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
      element.focus();
      element.setSelectionRange(start, start + (all[line - 1]?.length ?? 0));
      element.scrollTop = Math.max(0, (line - 4) * LINE_HEIGHT);
    },
  }));

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      escaped.current = true;
      return;
    }
    if (event.key === 'Tab' && !event.shiftKey && !escaped.current && !readOnly) {
      event.preventDefault();
      replaceSelection('  ');
    }
    escaped.current = false;
  };

  return (
    <Box
      pos="relative"
      h={height}
      style={{
        display: 'flex',
        border: `1px solid var(--mantine-color-${errorLine ? 'red-5' : focused ? 'indigo-5' : 'gray-4'})`,
        borderRadius: 'var(--mantine-radius-md)',
        overflow: 'hidden',
        background: 'white',
      }}
    >
      <Box
        aria-hidden
        w={48}
        py={PADDING}
        style={{ flexShrink: 0, overflow: 'hidden', background: 'var(--mantine-color-gray-0)', borderRight: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Box style={{ transform: `translateY(${-scrollTop}px)` }}>
          {Array.from({ length: lines }, (_, index) => {
            const marked = errorLine === index + 1;
            return (
              <Text
                key={index}
                ff={FONT}
                fz={12}
                lh={`${LINE_HEIGHT}px`}
                h={LINE_HEIGHT}
                pr={8}
                ta="right"
                c={marked ? 'white' : 'gray.5'}
                fw={marked ? 700 : 400}
                bg={marked ? 'red.6' : undefined}
                data-error-line={marked || undefined}
              >
                {index + 1}
              </Text>
            );
          })}
        </Box>
      </Box>
      <Box pos="relative" style={{ flex: 1, minWidth: 0 }}>
        {errorLine && (
          <Box
            aria-hidden
            pos="absolute"
            left={0}
            right={0}
            h={LINE_HEIGHT}
            top={PADDING + (errorLine - 1) * LINE_HEIGHT - scrollTop}
            bg="red.0"
            style={{ pointerEvents: 'none', borderTop: '1px solid var(--mantine-color-red-2)', borderBottom: '1px solid var(--mantine-color-red-2)' }}
          />
        )}
        <textarea
          ref={textarea}
          aria-label={label}
          aria-invalid={errorLine ? true : undefined}
          value={value}
          readOnly={readOnly}
          onChange={(event) => onChange(event.currentTarget.value)}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          onKeyDown={onKeyDown}
          onFocus={() => {
            setFocused(true);
            onFocus?.();
          }}
          onBlur={() => setFocused(false)}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          wrap="off"
          style={{
            position: 'relative',
            display: 'block',
            width: '100%',
            height: '100%',
            margin: 0,
            padding: `${PADDING}px 12px`,
            border: 0,
            outline: 'none',
            resize: 'none',
            background: 'transparent',
            fontFamily: FONT,
            fontSize: 13,
            lineHeight: `${LINE_HEIGHT}px`,
            whiteSpace: 'pre',
            overflow: 'auto',
            color: 'var(--mantine-color-dark-7)',
            tabSize: 2,
          }}
        />
      </Box>
    </Box>
  );
});
