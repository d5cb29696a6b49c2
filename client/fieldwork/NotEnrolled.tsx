/** Said on the fieldwork home and instead of "Start" while this tablet could not upload an interview. */
export function NotEnrolled() {
  return (
    <div className="notice notice--warning" role="status">
      <h2>This tablet cannot send interviews yet</h2>
      <p>
        In your area, interviews can only be sent from tablets that are enrolled, and this one is not. So you
        cannot start an interview on it: it could never be sent.
      </p>
      <p>
        Ask your coordinator to enrol this tablet. They will show you a code to scan with it. Then you can
        start interviews here.
      </p>
    </div>
  );
}
