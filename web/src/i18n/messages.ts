/** Chinese first, with English beside: each page keeps its own messages, checked to have the same keys in both. */
export type Language = 'zh' | 'en'

/** A page's messages: the Chinese are the source; the English must have every key. */
export type Messages<K extends string> = {
  readonly zh: Readonly<Record<K, string>>
  readonly en: Readonly<Record<K, string>>
}

/**
 * Declares a page's messages (the type checker holds both languages to the same keys).
 * @example const m = defineMessages({ zh: { title: '预警' }, en: { title: 'Alarms' } })
 */
export const defineMessages = <K extends string>(m: Messages<K>): Messages<K> => m

/** The shell's own messages. */
export const shellMessages = defineMessages({
  zh: {
    product: '行权',
    productLong: '行政权力依法规范公开运行',
    home: '首页',
    board: '预警看板',
    reports: '监察报告',
    people: '账号管理',
    signIn: '登录',
    signOut: '退出登录',
    userName: '用户名',
    password: '密码',
    signInTitle: '登录行权平台',
    signInFailed: '登录失败',
    language: 'English',
    languageLabel: '切换为英文界面',
    skip: '跳到正文',
    notFound: '没有这个页面',
    backHome: '回到首页',
    loading: '正在加载',
    loadFailed: '加载失败',
    mainMenu: '主菜单',
    regionAdmin: '地区管理员',
    departmentAdmin: '部门管理员',
    officer: '经办人',
    supervisor: '监察',
    auditor: '审计',
    welcome: '欢迎，',
    homeIntro: '在这里查看本辖区的红灯报警和黄灯预警、追溯每一次评估依据的条款和规则版本、编制电子监察工作月报。',
    scope: '管理范围',
  },
  en: {
    product: 'Xingquan',
    productLong: 'Lawful and open operation of administrative power',
    home: 'Home',
    board: 'Alarm board',
    reports: 'Supervision reports',
    people: 'Accounts',
    signIn: 'Sign in',
    signOut: 'Sign out',
    userName: 'User name',
    password: 'Password',
    signInTitle: 'Sign in to Xingquan',
    signInFailed: 'Sign-in failed',
    language: '中文',
    languageLabel: 'Switch to Chinese',
    skip: 'Skip to content',
    notFound: 'No such page',
    backHome: 'Back to the home page',
    loading: 'Loading',
    loadFailed: 'Could not load',
    mainMenu: 'Main menu',
    regionAdmin: 'Region admin',
    departmentAdmin: 'Department admin',
    officer: 'Officer',
    supervisor: 'Supervisor',
    auditor: 'Auditor',
    welcome: 'Welcome, ',
    homeIntro:
      'See the red alarms and yellow warnings of your territory, trace every evaluation to its article and rule version, and prepare the monthly supervision report.',
    scope: 'Scope',
  },
})
