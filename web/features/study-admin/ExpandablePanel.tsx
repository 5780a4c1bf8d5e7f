import type { ReactNode } from 'react';

/** A button that opens a form panel below it; the form is mounted only while the panel is open. */
export function ExpandablePanel({
  id,
  label,
  open,
  onToggle,
  children,
}: {
  id: string;
  label: string;
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <button type="button" className="button button-primary" aria-expanded={open} aria-controls={id} onClick={onToggle}>
        {label}
      </button>
      <div id={id} hidden={!open} className="panel panel-wide">
        {open && children}
      </div>
    </>
  );
}
