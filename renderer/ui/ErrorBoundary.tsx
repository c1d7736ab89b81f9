/**
 * One page failing must not blank the whole window: the sidebar stays, the failure is shown
 * in words, and going to another page (a new `resetKey`) tries again.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  resetKey: unknown;
  children: ReactNode;
  /** What failed, for the message ("This page", "The correction form"). */
  what?: string;
}

export class ErrorBoundary extends Component<Props, { error: Error | null; key: unknown }> {
  override state = { error: null as Error | null, key: undefined as unknown };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: unknown }) {
    if (props.resetKey !== state.key) return { error: null, key: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error) {
    console.error(error);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page">
        <p className="error-note" role="alert">
          {this.props.what ?? 'This page'} failed: {this.state.error.message}. Other pages still work.
        </p>
      </div>
    );
  }
}
