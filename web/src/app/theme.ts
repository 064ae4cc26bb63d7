import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Every field of our short forms is required; an asterisk on each would only add noise.
    InputWrapper: { defaultProps: { withAsterisk: false } },
    TextInput: { defaultProps: { withAsterisk: false } },
    PasswordInput: { defaultProps: { withAsterisk: false } },
    Select: { defaultProps: { withAsterisk: false } },
    Button: { defaultProps: { radius: 'md' } },
    // In an auto-layout table a badge may otherwise shrink to its ellipsis.
    Badge: { styles: { root: { minWidth: 'max-content' } } },
    Modal: { defaultProps: { radius: 'md', centered: true }, styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } } },
  },
});
