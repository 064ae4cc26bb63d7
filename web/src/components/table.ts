/** A table cell holding a number: right-aligned, never wrapped. */
export const NUMBER = { textAlign: 'right', whiteSpace: 'nowrap' } as const;
