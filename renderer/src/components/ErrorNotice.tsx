import type { AppError } from '../../../common/result.ts';

type Props = { title: string; error: AppError; onRetry?: () => void; retryLabel?: string };

/** Says what went wrong in words and what to do next; never a stack trace. */
export const ErrorNotice = ({ title, error, onRetry, retryLabel = 'Retry' }: Props) => (
  <div className="notice notice-error" role="alert">
    <h2 className="notice-title">{title}</h2>
    <p className="notice-message">{error.message}</p>
    {onRetry && (
      <button type="button" className="button" onClick={onRetry}>
        {retryLabel}
      </button>
    )}
  </div>
);
