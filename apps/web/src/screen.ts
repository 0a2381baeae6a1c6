// What a screen is, and how a screen reads its path parameters. The list itself is in screens.tsx.
import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from './api.ts';

export interface Screen {
  /** Path inside the app; `:name` segments become params (`/orders/:id`). */
  path: string;
  /** Shown in the nav and the page title. */
  title: string;
  /** Who may open it; 'public' also works signed out (sign-in pages, applying for a job). */
  roles: readonly Role[] | 'public';
  element: ReactNode;
  /** Listed in the header nav (default: yes, unless the path has params or the screen is public). */
  nav?: boolean;
}

export const ParamsContext = createContext<Record<string, string>>({});

/** The `:name` params of the current screen's path. */
export function useParams<T extends string = string>(): Record<T, string> {
  return useContext(ParamsContext) as Record<T, string>;
}
