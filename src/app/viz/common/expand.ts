/**
 * Lets one view fill the whole views area ("expand") and come back: the
 * grid around the views provides it, each view's frame offers the toggle.
 */
import { createContext } from 'react';

export interface ViewExpand {
  /** Whether this view fills the views area now. */
  readonly expanded: boolean;
  toggle(): void;
}

/** Null outside a grid that can expand its views (the frame then shows no toggle). */
export const ViewExpandContext = createContext<ViewExpand | null>(null);
