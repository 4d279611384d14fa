#include "data/ics.h"

#include "data/sha256.h"

namespace il2t::data {

std::string ics_uid(const std::vector<std::string>& parts) {
  std::string name = "il2trial-uid-v1";
  for (const std::string& p : parts) {
    name += ',';
    name += std::to_string(p.size());
    name += ':';
    name += p;
  }
  std::string h = sha256_hex(name).substr(0, 32);
  h[12] = '8';  // version 8: a custom (here name-based, SHA-256) UUID
  const int v = h[16] <= '9' ? h[16] - '0' : h[16] - 'a' + 10;
  h[16] = "89ab"[v & 3];  // variant 10xx
  for (std::size_t at : {20, 16, 12, 8}) h.insert(at, 1, '-');  // 8-4-4-4-12
  return h;
}

std::string ics_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

std::string ics_fold(const std::string& line) {
  std::string out;
  std::size_t i = 0;
  std::size_t limit = 75;  // octets on the first line; continuation lines start with a space
  while (line.size() - i > limit) {
    std::size_t cut = i + limit;
    while (cut > i && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    out.append(line, i, cut - i);
    out += "\r\n ";
    i = cut;
    limit = 74;
  }
  out.append(line, i, std::string::npos);
  return out + "\r\n";
}

std::string write_ics(const std::vector<IcsEvent>& events, const std::string& calendar_name,
                      const std::string& dtstamp) {
  std::string out;
  out += ics_fold("BEGIN:VCALENDAR");
  out += ics_fold("VERSION:2.0");
  out += ics_fold("PRODID:-//il2trial//il2trial schedule//EN");
  out += ics_fold("CALSCALE:GREGORIAN");
  out += ics_fold("X-WR-CALNAME:" + ics_escape(calendar_name));
  for (const IcsEvent& e : events) {
    out += ics_fold("BEGIN:VEVENT");
    out += ics_fold("UID:" + e.uid);
    out += ics_fold("DTSTAMP:" + dtstamp);
    out += ics_fold("DTSTART;VALUE=DATE:" + e.date);
    out += ics_fold("SUMMARY:" + ics_escape(e.summary));
    if (!e.description.empty()) out += ics_fold("DESCRIPTION:" + ics_escape(e.description));
    out += ics_fold("TRANSP:TRANSPARENT");
    out += ics_fold("END:VEVENT");
  }
  out += ics_fold("END:VCALENDAR");
  return out;
}

}  // namespace il2t::data
