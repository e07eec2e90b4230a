;; Invalid: br 3 names a label that does not exist (only the block and the function body are there).
(module
  (func (export "f")
    (block
      br 3)))
