-- Evidential for Neovim 0.7 to 0.11+: starts `evidential lsp` for Markdown and text buffers and hands it
-- the user's settings. Diagnostics, quick fixes and hover all come from the server through Neovim's
-- own LSP client; this file only launches it.
local M = {}

local uv = vim.uv or vim.loop
local islist = vim.islist or vim.tbl_islist

--- Options of setup(); each may be overridden.
M.defaults = {
  -- The server command. Point the first element at the executable when it is not on PATH.
  cmd = { 'evidential', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- The project root is the nearest directory holding one of these; else the file's directory.
  root_markers = { '.evidential.json', '.git' },
  -- The same object as .evidential.json: { checks = { hedge = 'hint', booster = 'off' }, ... }.
  -- A project's .evidential.json takes precedence over it.
  settings = {},
}

-- vim.json and vim.fn.json_encode turn an empty Lua table into [], which the server rejects where it
-- expects an object ("checks": []). An empty value says nothing, so empty tables are dropped.
local function prune(value)
  if type(value) ~= 'table' then
    return value
  end
  local out = {}
  if islist(value) then
    for i, v in ipairs(value) do
      out[i] = prune(v)
    end
    return out
  end
  for k, v in pairs(value) do
    local p = prune(v)
    if not (type(p) == 'table' and next(p) == nil) then
      out[k] = p
    end
  end
  return out
end

local function json_object(t)
  local p = prune(t or {})
  if next(p) == nil then
    return vim.empty_dict()
  end
  return p
end

--- The client configuration for setup's options over the defaults: what `lsp/evidential.lua` returns
--- for Neovim 0.11's vim.lsp.config, and what the FileType autocmd starts on older versions.
function M.config(opts)
  local o = {}
  for k, v in pairs(M.defaults) do
    o[k] = v
  end
  for k, v in pairs(opts or {}) do
    o[k] = v
  end
  local settings = json_object(o.settings)
  return {
    name = 'evidential',
    cmd = o.cmd,
    filetypes = o.filetypes,
    root_markers = o.root_markers,
    -- Read once at start (initializationOptions) and on every workspace/configuration request for
    -- section "evidential", which Neovim answers from `settings`.
    init_options = settings,
    settings = { evidential = settings },
    on_attach = o.on_attach,
    capabilities = o.capabilities,
  }
end

--- The nearest ancestor directory of `path` that holds one of `markers`, or nil.
function M.find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir and dir ~= '' do
    for _, marker in ipairs(markers or {}) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
  return nil
end

local clients = {} -- root_dir -> client id, for Neovim 0.7 (vim.lsp.start reuses clients itself)

--- Starts or reuses the client for `bufnr`'s project and attaches the buffer (Neovim 0.7 to 0.10).
function M.attach(bufnr, config)
  if vim.bo[bufnr].buftype ~= '' then
    return
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root
  if name ~= '' then
    root = M.find_root(name, config.root_markers) or vim.fn.fnamemodify(name, ':p:h')
  else
    root = vim.fn.getcwd()
  end
  local c = vim.deepcopy(config)
  c.filetypes, c.root_markers = nil, nil
  c.root_dir = root
  if vim.lsp.start then
    vim.lsp.start(c, { bufnr = bufnr })
    return
  end
  local id = clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(c)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- Registers Evidential for the configured filetypes. Returns false (after telling the user) when the
--- server executable cannot be found.
function M.setup(opts)
  local config = M.config(opts)
  local exe = config.cmd and config.cmd[1]
  if not exe or vim.fn.executable(exe) ~= 1 then
    vim.notify(
      ('Evidential: cannot run %q. Install the evidential executable (see editor-configs/neovim/README.md) '
        .. "or pass its path: require('evidential').setup({ cmd = { '/path/to/evidential', 'lsp' } })"):format(
        tostring(exe)
      ),
      vim.log.levels.ERROR
    )
    return false
  end

  if vim.lsp.config and vim.lsp.enable then -- Neovim 0.11+
    vim.lsp.config('evidential', config)
    vim.lsp.enable('evidential')
    return true
  end

  local group = vim.api.nvim_create_augroup('evidential', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.attach(args.buf, config)
    end,
  })
  -- Buffers that were already open when setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr, config)
    end
  end
  return true
end

return M
