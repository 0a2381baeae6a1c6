// What an admin screen is, and how a screen reads its path parameters. The list is in screens.tsx.
// Every admin screen is for managers; the app refuses everyone else before any screen renders.
import { createContext, useContext, type ReactNode } from 'react';

export interface Screen {
  /** Path inside the app (after /admin); `:name` segments become params (`/orders/:id`). */
  path: string;
  /** Shown in the nav and the page title. */
  title: string;
  /** Kept for symmetry with the web app; today always ['manager']. */
  roles: readonly 'manager'[];
  element: ReactNode;
  /** Listed in the header nav (default: yes, unless the path has params). */
  nav?: boolean;
}

export const ParamsContext = createContext<Record<string, string>>({});

export function useParams<T extends string = string>(): Record<T, string> {
  return useContext(ParamsContext) as Record<T, string>;
}
