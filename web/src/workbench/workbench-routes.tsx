/** The workbench's pages and their addresses: a layer, a document, a rule, a draft, a rule of a draft, a pack's versions. */
import type { RouteObject } from 'react-router'
import { BrowsePage } from './browse-page'
import { ChangePage } from './change-page'
import { DraftPage } from './draft-page'
import { DraftsPage, PackHistoryPage } from './drafts-page'
import { RulePage } from './rule-page'

export const WORKBENCH_ROUTES: RouteObject[] = [
  { path: 'workbench', element: <BrowsePage /> },
  { path: 'workbench/layers/:code', element: <BrowsePage /> },
  { path: 'workbench/layers/:code/documents/:doc', element: <BrowsePage /> },
  { path: 'workbench/rules/:packId/:ruleId', element: <RulePage /> },
  { path: 'workbench/packs/:packId/history', element: <PackHistoryPage /> },
  { path: 'workbench/drafts', element: <DraftsPage /> },
  { path: 'workbench/drafts/:draftId', element: <DraftPage /> },
  { path: 'workbench/drafts/:draftId/rules/:ruleId', element: <ChangePage /> },
]
