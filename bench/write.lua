-- wrk script of the write mix: each connection alternates POST /v1/news (a new item with a
-- unique title, about 1.5 KB of German Markdown, tags, region and related members) and PATCH
-- of an item this thread created (JSON Merge Patch). Arguments (after --): the admin token,
-- a run id that makes titles unique across runs, the member ids, comma-separated, and
-- optionally a status for the new items ("published": every write is a webhook event; none: drafts).
dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

local token, run, status
local members = {}
local pending = {}
local n = 0
posts_ok = 0
patches_ok = 0

local paragraphs = {
   "Die Verwaltung stellt ihre Antragsverfahren Schritt für Schritt auf digitale Abläufe um. " ..
   "Bürgerinnen und Bürger können Anträge künftig rund um die Uhr stellen, ohne ein Amt aufsuchen zu müssen. " ..
   "Die Daten fließen medienbruchfrei in das Fachverfahren, die Sachbearbeitung erhält vollständige Unterlagen.",
   "Grundlage ist eine gemeinsame Plattform der kommunalen IT-Dienstleister, die nach dem Einer-für-Alle-Prinzip " ..
   "nachgenutzt werden kann. Schnittstellen nach XÖV-Standards sorgen dafür, dass Fachverfahren verschiedener " ..
   "Hersteller angebunden werden können. Der Betrieb erfolgt in einem zertifizierten Rechenzentrum in Deutschland.",
   "Für die Beschäftigten bedeutet die Umstellung weniger Papier und kürzere Durchlaufzeiten. Schulungen begleiten " ..
   "die Einführung, ein Kompetenzteam beantwortet Fragen aus den Ämtern. Nach einer Pilotphase in drei Kommunen " ..
   "soll das Angebot im kommenden Jahr flächendeckend zur Verfügung stehen.",
   "Die Projektverantwortlichen ziehen eine positive Zwischenbilanz: Die Zahl der Online-Anträge hat sich innerhalb " ..
   "weniger Monate verdoppelt, die Rückfragen sind deutlich zurückgegangen. Weitere Leistungen sollen folgen.",
}

local tags = { "Verwaltung", "Digitalisierung", "OZG", "E-Akte", "Open Source", "Lasttest" }
local states = { "DE-SN", "DE-NW", "DE-BY", "DE-BE", "DE-NI", "DE-HE", "DE-TH", "DE-SH" }
local places = { "Leipzig", "Münster", "Würzburg", "Berlin", "Göttingen", "Gießen", "Jena", "Lübeck" }

function init(args)
   token = args[1]
   run = args[2] or tostring(os.time())
   status = args[4]
   for id in string.gmatch(args[3] or "", "[^,]+") do
      table.insert(members, id)
   end
end

local function json_string(s)
   return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n') .. '"'
end

local function news_body(i)
   local title = string.format("Lasttest %s-%d-%d: Kommune führt digitale Bauakte ein", run, thread_no, i)
   local body = "**Neuer Online-Dienst:** " .. table.concat(paragraphs, "\n\n")
   local item_members = {}
   for j = 0, (i % 4) - 1 do
      if #members > 0 then
         table.insert(item_members, string.format('{"id": "%s"}', members[(i * 7 + j * 13) % #members + 1]))
      end
   end
   local s = (i % #states) + 1
   return "{" .. table.concat({
      '"title": ' .. json_string(title),
      '"teaser": ' .. json_string("Die Verwaltung stellt ihre Antragsverfahren Schritt für Schritt auf digitale Abläufe um."),
      '"body": ' .. json_string(body),
      '"image": {"url": "https://bilder.ticker.example/lasttest.jpg", "alt": "Symbolbild: digitale Akte", "credit": "Foto: Ticker"}',
      '"links": [{"label": "Zur Pressemitteilung", "url": "https://www.ticker.example/presse"}]',
      string.format('"tags": ["%s", "%s"]', tags[(i % #tags) + 1], tags[((i + 2) % #tags) + 1]),
      string.format('"region": {"state": "%s", "place": "%s"}', states[s], places[s]),
      '"members": [' .. table.concat(item_members, ", ") .. "]",
      status and ('"status": ' .. json_string(status)) or nil,
   }, ", ") .. "}"
end

function request()
   n = n + 1
   if #pending > 0 then
      local id = table.remove(pending, 1)
      return wrk.format("PATCH", "/v1/news/" .. id, {
         ["Authorization"] = "Bearer " .. token,
         ["Content-Type"] = "application/merge-patch+json",
      }, string.format('{"teaser": "Aktualisiert im Lasttest (%d).", "tags": ["Verwaltung", "Lasttest"]}', n))
   end
   return wrk.format("POST", "/v1/news", {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
   }, news_body(n))
end

function response(status, headers, body)
   count_status(status)
   if status == 201 then
      posts_ok = posts_ok + 1
      local id = body:match('"id":"([%x%-]+)"')
      if id then
         table.insert(pending, id)
      end
   elseif status == 200 then
      patches_ok = patches_ok + 1
   end
end

function done(summary, latency, requests)
   summary_json(summary, latency, { posts = thread_sum("posts_ok"), patches = thread_sum("patches_ok") })
end
