/** The notices module's renderer plugged into the service's hook: the real templates, organs and numbering. */
import { XingquanError } from '../errors/xingquan-error.js'
import { NoticeRenderer as TemplateRenderer } from '../notices/notice-renderer.js'
import { loadOrgansOrThrow } from '../notices/organs.js'
import { serviceNoticeHook } from '../notices/service-hook.js'
import { loadTemplateLibrary } from '../notices/template-library.js'
import type { Environment } from '../evaluation/evaluation.js'
import type { NoticeRenderer } from './notice-hook.js'

/**
 * A notice hook over the shipped templates (templates/) and organs (rules/organs/), reading the environment in force
 * at each call; throws XingquanError when the templates do not load.
 * @example const rt = await openRuntime({ notices: templateNotices(() => rt.env()) })
 */
export function templateNotices(env: () => Environment): NoticeRenderer {
  const { library, problems } = loadTemplateLibrary()
  if (problems.some((p) => p.severity === undefined || p.severity === 'error')) throw new XingquanError(problems)
  const organs = loadOrgansOrThrow()
  let renderer: TemplateRenderer | undefined
  return (request) => {
    const current = env()
    // a new calendar (a year's notice added) gets a new renderer: its helpers count days on the calendar in force
    if (!renderer || renderer.calendar !== current.calendar) renderer = new TemplateRenderer(library, current.calendar)
    return serviceNoticeHook({ env: current, renderer, organs })(request)
  }
}
