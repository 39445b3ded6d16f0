/** Every page and its address: a link to any of them can be sent to a colleague. */
import type { RouteObject } from 'react-router'
import { CasePage } from './audit/case-page'
import { CheckpointPage } from './audit/checkpoint-page'
import { NoticePage } from './audit/notice-page'
import { RuleVersionPage } from './audit/rule-version-page'
import { BoardPage } from './board/board-page'
import { HomePage } from './pages/home-page'
import { NotFoundPage } from './pages/not-found-page'
import { PeoplePage } from './pages/people-page'
import { ReportPage } from './report/report-page'
import { SignInPage } from './pages/sign-in-page'
import { AppLayout } from './shell/app-layout'
import { WORKBENCH_ROUTES } from './workbench/workbench-routes'

/** Pages that need a signed-in person, under the shell. */
export const SIGNED_IN_PAGES: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'people', element: <PeoplePage /> },
  ...WORKBENCH_ROUTES,
  { path: 'board', element: <BoardPage /> },
  { path: 'audit/cases/:caseId', element: <CasePage /> },
  { path: 'audit/cases/:caseId/notices/:seq', element: <NoticePage /> },
  { path: 'audit/checkpoints', element: <CheckpointPage /> },
  { path: 'audit/rules/:packId/:version/:ruleId', element: <RuleVersionPage /> },
  { path: 'report', element: <ReportPage /> },
  { path: 'report/:organ/:period', element: <ReportPage /> },
  { path: '*', element: <NotFoundPage /> },
]

export const ROUTES: RouteObject[] = [
  { path: '/signin', element: <SignInPage /> },
  { path: '/', element: <AppLayout />, children: SIGNED_IN_PAGES },
]
