// Focus helpers for forms (props in, callbacks out: no state of their own).

/**
 * After a refused submit, the first field marked invalid (aria-invalid="true", which
 * Input sets with its error) takes the focus, and the browser scrolls it into view: in a
 * long form the organiser need not hunt for the red line. False when none is marked.
 */
export function focusFirstInvalid(root: ParentNode | null | undefined): boolean {
  const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  field?.focus();
  return field !== null && field !== undefined;
}
