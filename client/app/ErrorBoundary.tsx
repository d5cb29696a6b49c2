import { Component, type ReactNode } from "react";

/**
 * A page that fails to load (its chunk cannot be fetched offline) or crashes while rendering shows
 * a calm message instead of a blank screen. Keyed by path in the router so a new page starts fresh.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert__heading">This page could not be shown</p>
        <p>Check the connection, then reload the page. Interviews already saved on this device are kept.</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
