import { Component, type ReactNode } from 'react';

type State = { failed: boolean };

/** A screen that fails to draw becomes a plain message with a way back, not a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="fatal">
        <div className="notice notice-error" role="alert">
          <h1 className="notice-title">Casebench could not show this screen</h1>
          <p className="notice-message">Your work is saved in the workspace. Reload the window to carry on.</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </main>
    );
  }
}
