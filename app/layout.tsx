import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { THEME_BOOT_SCRIPT } from "@/components/ui/theme";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Redis transactions playground", template: "%s · Redis transactions playground" },
  description: "Learn optimistic transactions in Redis (WATCH, MULTI, EXEC) with ioredis, against a real Redis.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The proxy's per-request CSP nonce; reading it makes every page render per request, which a
  // nonce needs (a page built ahead of time could not carry this request's nonce).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The boot script sets `dark` before hydration; React must not fight over that class.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-dvh font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 dark:border-slate-800">
          <div className="mx-auto flex max-w-[110rem] items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="font-semibold tracking-tight hover:underline">
              Redis transactions playground
            </Link>
            <nav aria-label="Main" className="flex items-center gap-4">
              <Link href="/" className="hover:underline">
                Course
              </Link>
              <Link href="/race" className="hover:underline">
                Race lab
              </Link>
              <ThemeToggle />
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-[110rem] px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
