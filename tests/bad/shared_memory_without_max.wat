;; A shared memory must declare its maximum (threads).
(module (memory 1 shared))
