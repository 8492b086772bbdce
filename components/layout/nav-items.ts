import {
  ActivityIcon,
  BookOpenIcon,
  CoinsIcon,
  GiftIcon,
  KeyRoundIcon,
  type LucideIcon,
  MessageSquareIcon,
  TagIcon,
} from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

export const APP_NAV: readonly NavItem[] = [
  { href: "/playground", label: "Playground", icon: MessageSquareIcon },
  { href: "/keys", label: "API keys", icon: KeyRoundIcon },
  { href: "/activity", label: "Activity", icon: ActivityIcon },
  { href: "/my-credits", label: "Credits", icon: CoinsIcon },
  { href: "/pricing", label: "Pricing", icon: TagIcon },
  { href: "/invite", label: "Invite", icon: GiftIcon },
  { href: "/docs", label: "Docs", icon: BookOpenIcon },
];

export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
