import { type ReactNode, useId } from "react";
import { describedBy } from "../ui/describedby.ts";
import { PlainLanguageNote } from "./PlainLanguageNote.tsx";

/**
 * The editor's form controls: a label, an optional hint, and for text a participant reads, the
 * plain-language check beside it (tied to the field with aria-describedby).
 */
interface TextProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  multiline?: boolean;
  /** Check this text for plain language: it is read by participants. */
  participantText?: boolean;
  readOnly?: boolean;
  error?: string | null | undefined;
  inputMode?: "text" | "numeric" | "decimal";
  className?: string;
  autoFocusId?: string;
}

export function TextInput({
  label,
  value,
  onChange,
  hint,
  multiline,
  participantText,
  readOnly,
  error,
  inputMode,
  className,
  autoFocusId,
}: TextProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const plainId = participantText ? `${id}-plain` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const common = {
    id: autoFocusId ?? id,
    value,
    readOnly,
    "aria-describedby": describedBy(hintId, errorId, plainId && value.trim() ? plainId : undefined),
    "aria-invalid": error ? true : undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={autoFocusId ?? id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {multiline ? (
        <textarea className={className ?? "input input--area"} rows={3} {...common} />
      ) : (
        <input type="text" className={className ?? "input"} inputMode={inputMode} {...common} />
      )}
      {participantText && plainId && !readOnly && <PlainLanguageNote id={plainId} text={value} />}
    </div>
  );
}

interface NumberProps {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  hint?: string;
  readOnly?: boolean;
  integer?: boolean;
}

/** A number that may be left empty ("no limit"). */
export function NumberInput({ label, value, onChange, hint, readOnly, integer }: NumberProps) {
  const id = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        type="number"
        className="input input--short"
        inputMode={integer ? "numeric" : "decimal"}
        step={integer ? 1 : "any"}
        value={value ?? ""}
        readOnly={readOnly}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          const text = event.target.value;
          const n = Number(text);
          onChange(text === "" || !Number.isFinite(n) ? undefined : integer ? Math.trunc(n) : n);
        }}
      />
    </div>
  );
}

interface CheckProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  disabled?: boolean;
}

export function Checkbox({ label, checked, onChange, hint, disabled }: CheckProps) {
  const id = useId();
  return (
    <div className="field field--check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

interface SelectProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  hint?: string;
  disabled?: boolean;
}

export function Select({ label, value, onChange, children, hint, disabled }: SelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select
        id={id}
        className="input"
        value={value}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {children}
      </select>
    </div>
  );
}
