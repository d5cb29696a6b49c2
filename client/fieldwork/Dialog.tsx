import { type ReactNode, useEffect, useRef } from "react";

/**
 * A modal dialog on the native `<dialog>`: the browser traps focus inside it, makes the rest of the
 * page inert for assistive technology, and closes it on Escape (which we treat as "cancel").
 */
export function Dialog({
  open,
  labelledBy,
  onCancel,
  children,
}: {
  open: boolean;
  labelledBy: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {open && children}
    </dialog>
  );
}
