"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

export interface ChartBucket {
  start: string;
  requests: number;
  credits: number;
  tokens: number;
}

const DAY_LABEL = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

function dayLabel(start: string): string {
  return DAY_LABEL.format(new Date(`${start}T00:00:00Z`));
}

function hourLabel(start: string): string {
  return `${start.slice(11, 13)}:00`;
}

function UsageChart({
  title,
  data,
  label,
}: {
  title: string;
  data: ChartBucket[];
  label: (start: string) => string;
}) {
  const rows = data.map((b) => ({ ...b, label: label(b.start) }));
  const active = data.filter((b) => b.requests > 0 || b.credits > 0);
  const id = title.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-");
  return (
    <figure
      aria-labelledby={`${id}-caption`}
      className="grid min-w-0 gap-2"
      data-buckets={data.length}
      data-active-buckets={active.length}
    >
      <figcaption id={`${id}-caption`} className="text-sm font-medium">
        {title}
      </figcaption>
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={rows}
            margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
            barGap={2}
          >
            <CartesianGrid vertical={false} stroke="var(--color-border)" />
            <XAxis
              dataKey="label"
              tickLine={false}
              axisLine={false}
              fontSize={11}
              minTickGap={16}
              stroke="var(--color-muted-foreground)"
            />
            <YAxis
              allowDecimals={false}
              tickLine={false}
              axisLine={false}
              fontSize={11}
              stroke="var(--color-muted-foreground)"
            />
            <Tooltip
              cursor={{ fill: "var(--color-muted)" }}
              contentStyle={{
                background: "var(--color-popover)",
                border: "1px solid var(--color-border)",
                borderRadius: 8,
                fontSize: 12,
              }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="requests"
              name="Requests"
              fill="var(--color-brand)"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
            <Bar
              dataKey="credits"
              name="Credits"
              fill="var(--color-success)"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {/* The same numbers for screen readers. The wrapper hides it: a table grows to its content
          whatever its own width, so sr-only on the table itself would widen the page. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Period (UTC)</th>
              <th scope="col">Requests</th>
              <th scope="col">Credits</th>
              <th scope="col">Tokens</th>
            </tr>
          </thead>
          <tbody>
            {active.length === 0 ? (
              <tr>
                <td colSpan={4}>No usage in this period.</td>
              </tr>
            ) : (
              active.map((b) => (
                <tr key={b.start}>
                  <th scope="row">{b.start}</th>
                  <td>{b.requests}</td>
                  <td>{b.credits}</td>
                  <td>{b.tokens}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** Requests and credits per day (30 days) and per hour (48 hours). */
export function UsageCharts({ byDay, byHour }: { byDay: ChartBucket[]; byHour: ChartBucket[] }) {
  return (
    <Tabs defaultValue="day" className="grid min-w-0 gap-4">
      <TabsList aria-label="Usage period" className="w-fit">
        <TabsTrigger value="day">Last 30 days</TabsTrigger>
        <TabsTrigger value="hour">Last 48 hours</TabsTrigger>
      </TabsList>
      <TabsContent value="day">
        <UsageChart title="Requests and credits by day" data={byDay} label={dayLabel} />
      </TabsContent>
      <TabsContent value="hour">
        <UsageChart title="Requests and credits by hour" data={byHour} label={hourLabel} />
      </TabsContent>
    </Tabs>
  );
}
