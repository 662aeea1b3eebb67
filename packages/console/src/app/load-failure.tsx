import { ApiError } from "./api-client";

/** What went wrong loading a part of a page, with the API's code when it gave one. */
export function LoadFailure({ what, error }: { readonly what: string; readonly error: Error }) {
  const detail =
    error instanceof ApiError ? `${error.status} ${error.code}: ${error.message}` : error.message;
  return (
    <p class="load-failure" role="alert">
      Could not load {what}: {detail}
    </p>
  );
}
