// baocao soan: autosave, live check, rows and photos. No framework; the server renders the form.
"use strict";
(function () {
  const form = document.getElementById("bieu-mau");
  const csrf = document.querySelector('meta[name="csrf"]').content;
  let version = document.querySelector('meta[name="version"]').content;
  const status = document.getElementById("trang-thai");
  const readOnly = form.hasAttribute("data-chi-doc");
  let timer = null;
  let saving = null;
  let again = false;
  let stopped = readOnly;

  function post(url, body, json) {
    const headers = { "X-CSRF-Token": csrf };
    if (json) headers["Content-Type"] = "application/json";
    return fetch(url, { method: "POST", headers, body: json ? JSON.stringify(body) : body,
                        credentials: "same-origin" });
  }

  function payload() {
    const values = {};
    form.querySelectorAll("input[name], textarea[name], select[name]").forEach((el) => {
      values[el.name] = el.value;
    });
    const lists = {};
    form.querySelectorAll("[data-list]").forEach((list) => {
      lists[list.dataset.path] = rowsOf(list).map((row) =>
        row.dataset.origin === "" ? null : Number(row.dataset.origin));
    });
    return { version, values, lists };
  }

  function rowsOf(list) {
    return Array.from(list.children).filter((el) => el.classList.contains("hang"));
  }

  function schedule() {
    if (stopped) return;
    status.textContent = "Đang soạn…";
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  }

  async function save() {
    if (stopped) return;
    if (saving) { again = true; return; }
    saving = post("/luu", payload(), true);
    try {
      const answer = await saving;
      const body = await answer.json();
      if (answer.status === 409) {
        stopped = true;
        const banner = document.getElementById("xung-dot");
        banner.textContent = body.loi;
        banner.classList.remove("an");
        status.textContent = "Chưa lưu: tệp đã thay đổi ở nơi khác.";
        return;
      }
      if (!answer.ok) { status.textContent = body.loi || "Chưa lưu được."; return; }
      version = body.version;
      const time = new Date().toLocaleTimeString("vi-VN");
      status.textContent = body.changed ? `Đã lưu lúc ${time}.` : `Không có gì thay đổi (${time}).`;
      show(body);
    } catch (error) {
      status.textContent = "Mất kết nối với baocao soan; hãy kiểm tra cửa sổ dòng lệnh.";
    } finally {
      saving = null;
      if (again) { again = false; save(); }
    }
  }

  function clear() {
    document.querySelectorAll(".loi").forEach((el) => { el.textContent = ""; });
    document.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    document.querySelectorAll(".tinh, .danh-gia").forEach((el) => { el.textContent = ""; });
    ["tt-thieu", "tt-loi", "tt-canh-bao", "tt-tinh"].forEach((id) => {
      document.getElementById(id).textContent = "";
    });
  }

  function show(result) {
    clear();
    const lists = { thieu: "tt-thieu", loi: "tt-loi", canh_bao: "tt-canh-bao" };
    const counts = { thieu: 0, loi: 0, canh_bao: 0 };
    result.problems.forEach((p) => {
      counts[p.kind] += 1;
      const slot = document.getElementById("err-" + p.field);
      if (slot) {
        const line = document.createElement("p");
        line.className = p.kind;
        line.textContent = (p.kind === "canh_bao" ? "Cảnh báo: " : "") + p.message;
        slot.appendChild(line);
        const input = document.getElementById("f-" + p.field);
        if (input && p.kind !== "canh_bao") input.setAttribute("aria-invalid", "true");
      }
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "#f-" + p.field;
      link.textContent = `${p.title}: ${p.message}`;
      item.appendChild(link);
      document.getElementById(lists[p.kind]).appendChild(item);
    });
    const summary = document.getElementById("tt-chung");
    summary.textContent = result.ok
      ? "Báo cáo hợp lệ: có thể xuất." + (counts.canh_bao ? ` (${counts.canh_bao} cảnh báo)` : "")
      : `Còn ${counts.thieu} mục phải điền, ${counts.loi} lỗi.`;
    const figures = document.getElementById("tt-tinh");
    if (!result.computed.length) {
      figures.textContent = "Hiện khi báo cáo hết lỗi.";
    }
    result.computed.forEach((c) => {
      const term = document.createElement("dt");
      term.textContent = c.label;
      const value = document.createElement("dd");
      value.textContent = c.value;
      figures.append(term, value);
      const place = document.getElementById("tinh-" + c.field);
      if (place) {
        const line = document.createElement("p");
        line.textContent = `${c.label}: ${c.value}`;
        place.appendChild(line);
      }
    });
    result.targets.forEach((t) => {
      const place = document.getElementById("tinh-" + t.field);
      if (place) place.textContent = `Kết quả: ${t.ket_qua} — ${t.danh_gia}`;
    });
    document.querySelectorAll("[data-anh-cho]").forEach(thumbnail);
  }

  function thumbnail(img) {
    const input = document.getElementById("f-" + img.dataset.anhCho);
    const file = input ? input.value.trim() : "";
    if (/\.(jpe?g|png)$/i.test(file)) img.src = "/tep/" + file.split("/").map(encodeURIComponent).join("/");
    else img.removeAttribute("src");
  }

  // Rows: the path of every field below a row carries the row's index.
  const ATTRIBUTES = ["name", "id", "for", "data-path", "aria-describedby", "aria-labelledby",
                      "data-them", "data-anh-cho", "data-tai-anh"];

  function escape(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function renumber(list) {
    const base = list.dataset.path;
    rowsOf(list).forEach((row, index) => {
      const old = row.dataset.index;
      if (String(index) === old) return;
      const from = new RegExp(escape(`${base}.${old}`) + "(?=\\.|$|\\s)", "g");
      [row, ...row.querySelectorAll("*")].forEach((el) => {
        ATTRIBUTES.forEach((name) => {
          const value = el.getAttribute(name);
          if (value) el.setAttribute(name, value.replace(from, `${base}.${index}`));
        });
      });
      row.dataset.index = String(index);
      const number = row.querySelector(".so-hang");
      if (number) number.textContent = String(index + 1);
    });
  }

  async function addRow(path) {
    const list = document.querySelector(`[data-list][data-path="${CSS.escape(path)}"]`);
    const answer = await fetch(`/hang?path=${encodeURIComponent(path + "." + rowsOf(list).length)}`,
                               { credentials: "same-origin" });
    if (!answer.ok) { status.textContent = await answer.text(); return null; }
    const holder = document.createElement("div");
    holder.innerHTML = await answer.text();
    const row = holder.firstElementChild;
    list.appendChild(row);
    const first = row.querySelector("input, textarea, select");
    if (first) first.focus();
    return row;
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", (event) => {
    if (event.target.matches("[data-tai-anh]")) return;
    if (event.target.name && event.target.name.endsWith(".tep")) {
      document.querySelectorAll("[data-anh-cho]").forEach(thumbnail);
    }
    schedule();
  });

  form.addEventListener("click", async (event) => {
    const button = event.target.closest("button");
    if (!button || readOnly) return;
    if (button.dataset.them) {
      await addRow(button.dataset.them);
      schedule();
      return;
    }
    const action = button.dataset.hanhDong;
    if (!action) return;
    const row = button.closest(".hang");
    const list = row.parentElement;
    if (action === "xoa") {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      (next ? next.querySelector("input, textarea, select") : list.nextElementSibling)?.focus();
    } else if (action === "len" && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling);
      button.focus();
    } else if (action === "xuong" && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row);
      button.focus();
    }
    renumber(list);
    schedule();
  });

  // Photos: uploaded into the report's folder (anh/), then a row names each one.
  form.addEventListener("change", async (event) => {
    const picker = event.target.closest("[data-tai-anh]");
    if (!picker) return;
    for (const file of Array.from(picker.files)) {
      const body = new FormData();
      body.append("tep", file);
      status.textContent = `Đang tải ảnh ${file.name}…`;
      const answer = await post("/anh", body, false);
      const result = await answer.json();
      if (!answer.ok) { status.textContent = `${file.name}: ${result.loi}`; continue; }
      const row = await addRow(picker.dataset.taiAnh);
      if (!row) continue;
      const input = row.querySelector('input[name$=".tep"]');
      input.value = result.tep;
      const caption = row.querySelector('input[name$=".chu_thich"]');
      if (caption) caption.focus();
    }
    picker.value = "";
    document.querySelectorAll("[data-anh-cho]").forEach(thumbnail);
    schedule();
  });

  document.querySelectorAll("[data-xuat]").forEach((button) => {
    button.addEventListener("click", async () => {
      const out = document.getElementById("ket-qua-xuat");
      clearTimeout(timer);
      await save();
      out.textContent = "Đang xuất…";
      const answer = await post("/xuat", { loai: button.dataset.xuat }, true);
      const body = await answer.json();
      out.textContent = "";
      if (!answer.ok) { out.textContent = body.loi; return; }
      out.append("Đã tạo: ");
      body.tep.forEach((file, index) => {
        const link = document.createElement("a");
        link.href = file.href;
        link.textContent = file.ten;
        link.setAttribute("download", file.ten);
        if (index) out.append(", ");
        out.append(link);
      });
      body.ghi_chu.forEach((note) => out.append(" " + note));
    });
  });

  if (window.CSS === undefined || !CSS.escape) window.CSS = { escape: (s) => s.replace(/"/g, '\\"') };
  setInterval(() => { post("/nhip", null, false).catch(() => {}); }, 15000);
  fetch("/kiem-tra", { credentials: "same-origin" }).then((r) => r.json()).then(show);
})();
