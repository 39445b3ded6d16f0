/** The language of the pages (Chinese by default), Ant Design's locale with it, and the hook that picks messages. */
import { ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import type { Language, Messages } from './messages'

const KEY = 'xq.language'
const LanguageContext = createContext<{ language: Language; setLanguage: (l: Language) => void }>({
  language: 'zh',
  setLanguage: () => {},
})

/** Provides the language, remembered in the browser (a preference, never a credential). */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'))
  useEffect(() => {
    localStorage.setItem(KEY, language)
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en'
    dayjs.locale(language === 'zh' ? 'zh-cn' : 'en')
  }, [language])
  return (
    <LanguageContext.Provider value={{ language, setLanguage }}>
      <ConfigProvider
        locale={language === 'zh' ? zhCN : enUS}
        button={{ autoInsertSpace: false }}
        theme={{
          token: {
            colorPrimary: '#1f4e8c',
            fontFamily:
              '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
          },
        }}
      >
        {children}
      </ConfigProvider>
    </LanguageContext.Provider>
  )
}

/** The current language and its setter. */
export const useLanguage = () => useContext(LanguageContext)

/**
 * A page's messages in the current language.
 * @example const t = useMessages(boardMessages); <h1>{t.title}</h1>
 */
export function useMessages<K extends string>(m: Messages<K>): Readonly<Record<K, string>> {
  return m[useLanguage().language]
}
