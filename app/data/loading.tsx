// Shown while this page's server prefetch runs. (No loading boundary wraps the venue pages, so an unknown
// venue answers with a real 404 status rather than a streamed 200.)
import { PageLoading } from "@/components/page-loading";

export default function Loading() {
  return <PageLoading what="the data status" />;
}
