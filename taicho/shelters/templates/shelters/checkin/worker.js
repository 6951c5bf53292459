// taicho check-in service worker: opens the check-in page without a connection.
// Version {{ version }}: a new release gives a new worker and a fresh cache.
"use strict";
const CACHE = "taicho-checkin-{{ version }}";
const ASSETS = [{% for url in assets %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const PAGE = /\/evacuations\/\d+\/checkin\/$/;

function pageKey(url) {
  return new URL(url).origin + new URL(url).pathname;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("taicho-checkin-") && key !== CACHE)
            .map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((clients) =>
        caches.open(CACHE).then((cache) =>
          Promise.all(
            clients
              .filter((client) => PAGE.test(new URL(client.url).pathname))
              .map((client) =>
                fetch(pageKey(client.url), { credentials: "same-origin" })
                  .then((response) => (response.ok && !response.redirected ? cache.put(pageKey(client.url), response) : null))
                  .catch(() => null)
              )
          )
        )
      )
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  if (request.mode === "navigate" && PAGE.test(url.pathname)) {
    // The newest page when online; the last one seen when not.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(pageKey(request.url), copy));
          }
          return response;
        })
        .catch(() => caches.match(pageKey(request.url)).then((hit) => hit || Response.error()))
    );
  }
});
